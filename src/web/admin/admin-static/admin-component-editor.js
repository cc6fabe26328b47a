/* Pharos admin: create or edit a component: name, group, the monitors it shows; archive. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  A.pages.component = async function () {
    var form = A.$('#component-form');
    var id = document.body.dataset.id || null;
    var path = id ? '/api/v1/components/' + encodeURIComponent(id) : null;
    A.catalog.idFromName(form, 'component');
    var loaded = await Promise.all([
      A.api('GET', '/api/v1/monitors'),
      A.api('GET', '/api/v1/groups'),
      path ? A.api('GET', path) : null,
    ]);
    var monitors = loaded[0];
    var item = loaded[2];
    var c = item ? item.config : { monitors: [], auto_incident: true };

    var groupSelect = form.elements.namedItem('group');
    loaded[1].forEach(function (g) {
      groupSelect.appendChild(A.h('option', { value: g.config.name, text: g.config.name }));
    });
    A.catalog.checkboxes(
      A.$('fieldset[data-name="monitors"] .checks', form),
      'monitors',
      monitors,
      c.monitors,
      function (m) {
        return [m.config.name || m.id, ' ', A.h('span', { class: 'sub', text: m.id + ' · ' + m.config.type })];
      },
    );

    if (item) {
      A.setValue(form, 'name', c.name);
      A.setValue(form, 'description', c.description);
      A.setValue(form, 'group', c.group || '');
      A.setValue(form, 'auto_incident', c.auto_incident);
      A.$('h1').textContent = c.name;
      document.title = c.name + ' · ' + document.title.split(' · ').slice(1).join(' · ');
    }
    A.catalog.lockIfReadOnly(item, A.$('#component-fields'), [A.$('#component-save'), A.$('#component-archive')]);
    if (path) A.catalog.bindArchive(A.$('#component-archive'), 'component', path, '/admin/components');

    A.bindForm(form, async function () {
      var config = {
        name: A.value(form, 'name'),
        monitors: A.catalog.checked(form, 'monitors'),
        auto_incident: A.value(form, 'auto_incident'),
      };
      if (A.value(form, 'description')) config.description = A.value(form, 'description');
      if (A.value(form, 'group')) config.group = A.value(form, 'group');
      if (path) {
        await A.api('PUT', path, config);
        A.pageAlert('Component saved.', 'success');
        return 'Component saved.';
      }
      config.id = A.value(form, 'id');
      var created = await A.api('POST', '/api/v1/components', config);
      location.assign('/admin/components/' + encodeURIComponent(created.id));
      return 'Component created.';
    });
  };
})();
