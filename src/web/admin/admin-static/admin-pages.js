/* Pharos admin: status pages. The list, and the editor: components and order, branding, domains, access. */
(function () {
  'use strict';
  var A = window.PharosAdmin;
  var REDACTED = '[redacted]';
  var COLORS = ['brand', 'operational', 'degraded', 'partial', 'major', 'maintenance'];

  function accessWords(a) {
    if (!a) return 'public';
    var ways = [];
    if (a.password_hash) ways.push('password');
    if (a.oidc) ways.push('single sign-on');
    if (a.ip_allow && a.ip_allow.length) ways.push('addresses');
    if (a.signed_in) ways.push('signed-in users');
    return 'private: ' + ways.join(', ');
  }

  A.pages.pages = async function () {
    var body = A.$('#pages tbody');
    var pages = await A.api('GET', '/api/v1/pages');
    A.clear(body);
    if (!pages.length)
      body.appendChild(A.h('tr', {}, A.h('td', { colspan: 5, text: 'No pages yet: / shows every component.' })));
    pages.forEach(function (p) {
      var c = p.config;
      var address = (c.default ? '/ and ' : '') + '/' + c.slug + (c.domains.length ? ' · ' + c.domains.join(', ') : '');
      var what =
        c.components || c.groups
          ? (c.components || []).length +
            ' chosen' +
            (c.groups && c.groups.length ? ' + groups ' + c.groups.join(', ') : '')
          : 'all';
      body.appendChild(
        A.h(
          'tr',
          { dataset: { page: p.id } },
          A.h(
            'th',
            { scope: 'row' },
            A.h('a', { href: '/admin/pages/' + encodeURIComponent(p.id), text: c.title }),
            ' ',
            A.catalog.managedBadge(p),
          ),
          A.h('td', { text: address }),
          A.h('td', { text: what }),
          A.h('td', { text: accessWords(c.access) }),
          A.h(
            'td',
            {},
            A.h('a', { href: '/' + encodeURIComponent(c.slug), text: 'View', 'aria-label': 'View ' + c.title }),
          ),
        ),
      );
    });
  };

  /** One row of the ordered component list: include it or not, move it up or down. */
  function componentRow(list, comp, checked) {
    var id = 'pc-' + comp.id;
    var li = A.h('li', { class: 'order-row', dataset: { component: comp.id } });
    function move(delta) {
      var rows = A.$$('li.order-row', list);
      var at = rows.indexOf(li);
      var to = at + delta;
      if (to < 0 || to >= rows.length) return;
      if (delta < 0) list.insertBefore(li, rows[to]);
      else list.insertBefore(li, rows[to].nextSibling);
      syncMoves(list);
      var again = A.$(delta < 0 ? '.up' : '.down', li);
      (again.disabled ? A.$('input', li) : again).focus();
      A.announce(
        comp.config.name + ' moved ' + (delta < 0 ? 'up' : 'down') + ', now ' + (to + 1) + ' of ' + rows.length + '.',
      );
    }
    li.appendChild(
      A.h(
        'div',
        { class: 'field check' },
        A.h('input', { type: 'checkbox', id: id, name: 'components', value: comp.id, checked: checked }),
        A.h('label', { for: id }, comp.config.name, ' ', A.h('span', { class: 'sub', text: comp.id })),
      ),
    );
    li.appendChild(
      A.h(
        'span',
        { class: 'move' },
        A.h('button', {
          type: 'button',
          class: 'small up',
          text: '↑',
          'aria-label': 'Move ' + comp.config.name + ' up',
          on: {
            click: function () {
              move(-1);
            },
          },
        }),
        ' ',
        A.h('button', {
          type: 'button',
          class: 'small down',
          text: '↓',
          'aria-label': 'Move ' + comp.config.name + ' down',
          on: {
            click: function () {
              move(1);
            },
          },
        }),
      ),
    );
    return li;
  }
  function syncMoves(list) {
    var rows = A.$$('li.order-row', list);
    rows.forEach(function (li, i) {
      A.$('.up', li).disabled = i === 0;
      A.$('.down', li).disabled = i === rows.length - 1;
    });
  }

  function hex6(color) {
    return /^#[0-9a-f]{3}$/i.test(color) ? '#' + color.slice(1).replace(/./g, '$&$&') : String(color).slice(0, 7);
  }

  A.pages.page = async function () {
    var form = A.$('#page-form');
    var slug = document.body.dataset.id || null;
    var path = slug ? '/api/v1/pages/' + encodeURIComponent(slug) : null;
    A.catalog.idFromName(form, 'status', 'title', 'slug');
    var loaded = await Promise.all([
      A.api('GET', '/api/v1/components'),
      A.api('GET', '/api/v1/groups'),
      path ? A.api('GET', path) : null,
    ]);
    var item = loaded[2];
    var c = item ? item.config : {};
    var storedHash = c.access && c.access.password_hash;

    // components: the page's own, in its order, then the others
    var list = A.$('#page-components');
    A.clear(list);
    var chosen = c.components || [];
    var byId = {};
    loaded[0].forEach(function (comp) {
      byId[comp.id] = comp;
    });
    chosen.forEach(function (cid) {
      if (byId[cid]) list.appendChild(componentRow(list, byId[cid], true));
    });
    loaded[0].forEach(function (comp) {
      if (chosen.indexOf(comp.id) === -1) list.appendChild(componentRow(list, comp, false));
    });
    if (!loaded[0].length) list.appendChild(A.h('li', { text: 'No components yet.' }));
    syncMoves(list);
    var groupNames = loaded[1].map(function (g) {
      return { id: g.config.name, config: g.config };
    });
    A.catalog.checkboxes(
      A.$('fieldset[data-name="groups"] .checks', form),
      'groups',
      groupNames,
      c.groups || [],
      function (g) {
        return g.config.name;
      },
    );

    var mode = function () {
      return A.value(form, 'components_mode');
    };
    function showChoice() {
      A.$('#components-choice').hidden = mode() !== 'some';
    }
    A.$$('input[name=components_mode]', form).forEach(function (r) {
      r.addEventListener('change', showChoice);
    });
    var privateBox = form.elements.namedItem('private');
    function showAccess() {
      A.$('#access-fields').hidden = !privateBox.checked;
    }
    privateBox.addEventListener('change', showAccess);

    if (item) {
      ['title', 'description', 'logo', 'favicon', 'custom_css', 'default'].forEach(function (n) {
        A.setValue(form, n, c[n]);
      });
      COLORS.forEach(function (k) {
        A.setValue(form, 'colors.' + k, hex6(c.colors[k]));
      });
      A.setValue(
        form,
        'footer',
        c.footer
          .map(function (f) {
            return f.label + ' | ' + f.url;
          })
          .join('\n'),
      );
      A.setValue(form, 'domains', c.domains.join('\n'));
      if (c.components || c.groups) A.$('#cmps-some').checked = true;
      if (c.access) {
        privateBox.checked = true;
        var a = c.access;
        A.setValue(form, 'access.oidc', a.oidc);
        A.setValue(form, 'access.signed_in', a.signed_in);
        A.setValue(form, 'access.session', A.catalog.duration(a.session));
        A.setValue(form, 'access.oidc_emails', (a.oidc_emails || []).join('\n'));
        A.setValue(form, 'access.oidc_groups', (a.oidc_groups || []).join('\n'));
        A.setValue(form, 'access.ip_allow', (a.ip_allow || []).join('\n'));
        if (storedHash === REDACTED)
          form.elements
            .namedItem('access.password_hash')
            .setAttribute('placeholder', 'kept: paste a new hash to replace it');
      }
      A.$('h1').textContent = c.title;
      var view = A.$('#page-view');
      view.href = '/' + encodeURIComponent(c.slug);
    }
    showChoice();
    showAccess();
    A.catalog.lockIfReadOnly(item, A.$('#page-fields'), [A.$('#page-save'), A.$('#page-archive')]);
    if (path) A.catalog.bindArchive(A.$('#page-archive'), 'page', path, '/admin/pages');

    function collect() {
      var v = function (n) {
        return A.value(form, n);
      };
      var p = {
        title: v('title'),
        default: v('default'),
        colors: {},
        footer: A.catalog.lines(v('footer')).map(function (line) {
          var bar = line.indexOf('|');
          return bar === -1
            ? { label: line, url: '' }
            : { label: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
        }),
        domains: A.catalog.lines(v('domains')),
      };
      COLORS.forEach(function (k) {
        p.colors[k] = v('colors.' + k);
      });
      ['description', 'logo', 'favicon', 'custom_css'].forEach(function (n) {
        if (v(n)) p[n] = v(n);
      });
      if (mode() === 'some') {
        p.components = A.catalog.checked(list, 'components');
        var groups = A.catalog.checked(form, 'groups');
        if (groups.length) p.groups = groups;
      }
      if (privateBox.checked) {
        var a = { oidc: v('access.oidc'), signed_in: v('access.signed_in') };
        var hash = v('access.password_hash');
        if (hash) a.password_hash = hash;
        else if (storedHash === REDACTED) a.password_hash = REDACTED;
        if (v('access.session')) a.session = v('access.session');
        [
          ['oidc_emails', 'access.oidc_emails'],
          ['oidc_groups', 'access.oidc_groups'],
          ['ip_allow', 'access.ip_allow'],
        ].forEach(function (f) {
          var lines = A.catalog.lines(v(f[1]));
          if (lines.length) a[f[0]] = lines;
        });
        p.access = a;
      }
      return p;
    }

    A.bindForm(form, async function () {
      var config = collect();
      if (path) {
        item = await A.api('PUT', path, config);
        storedHash = item.config.access && item.config.access.password_hash;
        var hashField = form.elements.namedItem('access.password_hash');
        hashField.value = '';
        if (storedHash === REDACTED) hashField.setAttribute('placeholder', 'kept: paste a new hash to replace it');
        A.pageAlert('Page saved.', 'success');
        return 'Page saved.';
      }
      config.slug = A.value(form, 'slug');
      var created = await A.api('POST', '/api/v1/pages', config);
      location.assign('/admin/pages/' + encodeURIComponent(created.id));
      return 'Page created.';
    });
  };
})();
