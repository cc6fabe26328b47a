/* Pharos admin: component groups. The list in display order (move up and down), a new group, one group's editor. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  function collect(form) {
    var g = { name: A.value(form, 'name'), collapsed: A.value(form, 'collapsed') };
    if (A.value(form, 'description')) g.description = A.value(form, 'description');
    return g;
  }

  A.pages.groups = async function () {
    var body = A.$('#groups tbody');
    var form = A.$('#group-form');
    A.catalog.idFromName(form, 'group');

    async function load() {
      var res = await Promise.all([A.api('GET', '/api/v1/groups'), A.api('GET', '/api/v1/components')]);
      var groups = res[0];
      var apiIds = groups
        .filter(function (g) {
          return g.managed_by === 'api';
        })
        .map(function (g) {
          return g.id;
        });
      A.clear(body);
      if (!groups.length) body.appendChild(A.h('tr', {}, A.h('td', { colspan: 3, text: 'No groups yet.' })));
      groups.forEach(function (g) {
        var members = res[1]
          .filter(function (c) {
            return c.config.group === g.config.name;
          })
          .map(function (c) {
            return c.config.name;
          });
        var link = A.h('a', { href: '/admin/groups/' + encodeURIComponent(g.id), text: g.config.name });
        body.appendChild(
          A.h(
            'tr',
            { dataset: { group: g.id } },
            A.h(
              'th',
              { scope: 'row' },
              link,
              ' ',
              A.catalog.managedBadge(g),
              A.h(
                'div',
                { class: 'row-actions' },
                A.catalog.moveButtons(g, apiIds, '/api/v1/group-order', g.config.name, moved),
              ),
            ),
            A.h('td', { text: members.join(', ') || 'none' }),
            A.h('td', { text: g.config.collapsed ? 'folded' : 'open' }),
          ),
        );
      });
    }
    async function moved(id, direction) {
      await load();
      var row = A.$$('tr[data-group]', body).filter(function (tr) {
        return tr.dataset.group === id;
      })[0];
      var again = row && A.$('button[aria-label^="Move ' + direction + '"]', row);
      if (again && !again.disabled) again.focus();
      else A.$('#groups-h').focus();
    }

    await load();
    A.bindForm(form, async function () {
      var g = collect(form);
      g.id = A.value(form, 'id');
      await A.api('POST', '/api/v1/groups', g);
      form.reset();
      await load();
      A.$('#groups-h').focus();
      return 'Group "' + g.name + '" created.';
    });
  };

  A.pages.group = async function () {
    var form = A.$('#group-form');
    var id = document.body.dataset.id;
    var path = '/api/v1/groups/' + encodeURIComponent(id);
    var item = await A.api('GET', path);
    A.setValue(form, 'name', item.config.name);
    A.setValue(form, 'description', item.config.description);
    A.setValue(form, 'collapsed', item.config.collapsed);
    A.$('h1').textContent = item.config.name;
    A.catalog.lockIfReadOnly(item, A.$('#group-fields'), [A.$('#group-save'), A.$('#group-archive')]);
    A.catalog.bindArchive(A.$('#group-archive'), 'group', path, '/admin/groups');
    A.bindForm(form, async function () {
      await A.api('PUT', path, collect(form));
      A.pageAlert('Group saved.', 'success');
      return 'Group saved.';
    });
  };
})();
