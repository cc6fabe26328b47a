/* Pharos admin: scheduled maintenance. The list (delete) and a form for a new window with optional recurrence. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  function slug(text) {
    var s = text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50);
    return s || 'maintenance';
  }

  /** datetime-local gives "YYYY-MM-DDTHH:MM" or with ":SS": a wall-clock time read in the chosen zone. */
  function wallClock(value) {
    return value.length === 16 ? value + ':00' : value;
  }

  A.pages.maintenance = async function () {
    var form = A.$('#maintenance-form');
    var body = A.$('#maintenances tbody');
    var checks = A.$('.component-checks .checks', form);
    var idField = form.elements.namedItem('id');
    var idTouched = false;
    var names = {};

    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var zoneSelect = form.elements.namedItem('time_zone');
    if (
      zone &&
      A.$$('option', zoneSelect).some(function (o) {
        return o.value === zone;
      })
    )
      zoneSelect.value = zone;

    form.elements.namedItem('title').addEventListener('input', function (ev) {
      if (!idTouched)
        idField.value = slug(ev.target.value) + '-' + new Date().toISOString().slice(0, 10).replace(/-/g, '');
    });
    idField.addEventListener('input', function () {
      idTouched = true;
    });
    A.$$('input[name=recurrence_kind]', form).forEach(function (r) {
      r.addEventListener('change', function () {
        A.$('#recurrence-fields').hidden = A.value(form, 'recurrence_kind') === 'none';
      });
    });
    A.bindPreviews(form);

    async function loadList() {
      var list = await A.api('GET', '/api/v1/maintenances');
      A.clear(body);
      if (!list.length) body.appendChild(A.h('tr', {}, A.h('td', { colspan: 5, text: 'Nothing scheduled.' })));
      list.forEach(function (item) {
        var m = item.config;
        var actions = A.h('td', {});
        if (item.managed_by === 'config')
          actions.appendChild(A.h('span', { class: 'sub', text: 'config file (read-only)' }));
        else {
          var del = A.h('button', {
            type: 'button',
            class: 'small danger',
            text: 'Delete',
            'aria-label': 'Delete maintenance ' + m.title,
          });
          A.bindAction(del, async function () {
            if (!A.confirmAction('Delete the maintenance "' + m.title + '"?')) return;
            await A.api('DELETE', '/api/v1/maintenances/' + encodeURIComponent(item.id));
            await loadList();
            A.$('#list-h').focus();
            return 'Maintenance deleted.';
          });
          actions.appendChild(del);
        }
        var rec = m.recurrence
          ? (m.recurrence.rrule ? 'RRULE ' + m.recurrence.rrule : 'cron ' + m.recurrence.cron) +
            (m.recurrence.until ? ' until ' + m.recurrence.until : '')
          : 'once';
        body.appendChild(
          A.h(
            'tr',
            { dataset: { maintenance: item.id } },
            A.h('td', { text: m.title }),
            A.h('td', { text: m.start + ' → ' + m.end + ' (' + m.time_zone + ')' }),
            A.h('td', { text: rec }),
            A.h('td', {
              text: m.components
                .map(function (c) {
                  return names[c] || c;
                })
                .join(', '),
            }),
            actions,
          ),
        );
      });
    }

    try {
      var comps = await A.components();
      A.clear(checks);
      if (!comps.length) checks.appendChild(A.h('p', { text: 'No components yet.' }));
      comps.forEach(function (c) {
        names[c.id] = c.config.name;
        var cid = 'mc-' + c.id;
        checks.appendChild(
          A.h(
            'div',
            { class: 'field check' },
            A.h('input', { type: 'checkbox', id: cid, name: 'components', value: c.id }),
            A.h('label', { for: cid, text: c.config.name }),
          ),
        );
      });
      await loadList();
    } catch (err) {
      A.pageAlert(err.message);
    }

    A.bindForm(form, async function () {
      var v = function (n) {
        return A.value(form, n);
      };
      var config = {
        id: v('id'),
        title: v('title'),
        body: form.elements.namedItem('body').value,
        time_zone: v('time_zone'),
        start: wallClock(v('start')),
        end: wallClock(v('end')),
        components: A.$$('input[name=components]:checked', form).map(function (c) {
          return c.value;
        }),
      };
      var kind = v('recurrence_kind');
      if (kind !== 'none') {
        config.recurrence = {};
        config.recurrence[kind] = v('recurrence.rule');
        if (v('recurrence.until')) config.recurrence.until = wallClock(v('recurrence.until'));
      }
      await A.api('POST', '/api/v1/maintenances', config);
      form.reset();
      idTouched = false;
      A.$('#recurrence-fields').hidden = true;
      A.$$('.preview', form).forEach(function (p) {
        p.textContent = '';
      });
      await loadList();
      return 'Maintenance "' + config.title + '" scheduled.';
    });
  };
})();
