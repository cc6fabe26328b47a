/* Pharos admin: components in display order: manual status override, edit, move up and down. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  A.pages.components = async function () {
    var list = A.$('#components');
    var template = document.getElementById('status-options');

    function card(c, override) {
      var sid = 'status-' + c.id;
      var nid = 'note-' + c.id;
      var select = A.h('select', { id: sid, name: 'status' });
      select.appendChild(template.content.cloneNode(true));
      if (override) select.value = override.status;
      var note = A.h('input', {
        id: nid,
        name: 'note',
        type: 'text',
        maxlength: 500,
        value: override && override.note ? override.note : '',
      });
      var form = A.h(
        'form',
        { class: 'override' },
        A.h('div', { class: 'field' }, A.h('label', { for: sid, text: 'Manual status' }), select),
        A.h('div', { class: 'field' }, A.h('label', { for: nid, text: 'Note (optional)' }), note),
        A.h('div', { class: 'form-error', role: 'alert', hidden: true }),
        A.h(
          'div',
          { class: 'actions' },
          A.h('button', {
            type: 'submit',
            class: 'primary',
            text: 'Set status',
            'aria-label': 'Set status of ' + c.config.name,
          }),
          override
            ? A.h('button', {
                type: 'button',
                class: 'clear-override',
                text: 'Clear',
                'aria-label': 'Clear the manual status of ' + c.config.name,
              })
            : null,
        ),
      );
      var path = '/api/v1/components/' + encodeURIComponent(c.id) + '/status';
      A.bindForm(form, async function () {
        var body = { status: select.value };
        if (note.value.trim()) body.note = note.value.trim();
        await A.api('PUT', path, body);
        await load();
        focusCard(c.id);
        return c.config.name + ' set to ' + A.label(body.status) + '.';
      });
      var clear = A.$('.clear-override', form);
      A.bindAction(clear, async function () {
        await A.api('DELETE', path);
        await load();
        focusCard(c.id);
        return 'Manual status of ' + c.config.name + ' cleared: its monitors decide again.';
      });
      var state = override
        ? A.h(
            'p',
            {},
            'Manual: ',
            A.badge(override.status),
            override.note ? ' — ' + override.note : '',
            A.h(
              'span',
              { class: 'sub' },
              'since ',
              A.timeEl(override.set_at),
              override.set_by ? ' by ' + override.set_by : '',
            ),
          )
        : A.h('p', { class: 'sub', text: 'No manual status: its monitors decide.' });
      var editLink = A.h('a', {
        href: '/admin/components/' + encodeURIComponent(c.id),
        text: c.managed_by === 'config' || !A.may('configure') ? 'View settings' : 'Edit',
        'aria-label': (c.managed_by === 'config' ? 'View settings of ' : 'Edit ') + c.config.name,
      });
      return A.h(
        'li',
        { class: 'card', dataset: { component: c.id } },
        A.h('h2', { tabindex: -1 }, c.config.name, ' ', A.catalog.managedBadge(c)),
        A.h('p', {
          class: 'sub',
          text:
            c.id +
            (c.config.group ? ' · group ' + c.config.group : '') +
            ' · monitors: ' +
            (c.config.monitors.join(', ') || 'none') +
            (c.managed_by === 'config' ? ' · from the config file: its settings are read-only here' : ''),
        }),
        state,
        A.may('operate') ? form : null,
        A.h(
          'div',
          { class: 'actions' },
          editLink,
          A.catalog.moveButtons(c, apiIds, '/api/v1/component-order', c.config.name, moved),
        ),
      );
    }

    var apiIds = [];
    async function moved(id, direction) {
      await load();
      var li = A.$$('li[data-component]', list).filter(function (el) {
        return el.dataset.component === id;
      })[0];
      var again = li && A.$('button[aria-label^="Move ' + direction + '"]', li);
      if (again && !again.disabled) again.focus();
      else focusCard(id);
    }

    function focusCard(id) {
      var h = A.$$('li[data-component]', list).filter(function (li) {
        return li.dataset.component === id;
      })[0];
      if (h) A.$('h2', h).focus();
    }

    async function load() {
      var res = await Promise.all([A.api('GET', '/api/v1/components'), A.api('GET', '/api/v1/component-statuses')]);
      var overrides = {};
      res[1].forEach(function (o) {
        overrides[o.component_id] = o;
      });
      apiIds = res[0]
        .filter(function (c) {
          return c.managed_by === 'api';
        })
        .map(function (c) {
          return c.id;
        });
      A.clear(list);
      if (!res[0].length) list.appendChild(A.h('li', { text: 'No components yet.' }));
      res[0].forEach(function (c) {
        list.appendChild(card(c, overrides[c.id]));
      });
    }
    try {
      await load();
    } catch (err) {
      A.pageAlert(err.message);
    }
  };
})();
