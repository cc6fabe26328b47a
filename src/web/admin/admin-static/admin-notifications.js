/* Pharos admin: notification channels. List, send test (outcome in a live region), create and edit, delete. */
(function () {
  'use strict';
  var A = window.PharosAdmin;
  var COMMON = [
    'id',
    'type',
    'events',
    'components',
    'monitors',
    'reminder_every',
    'coalesce_after',
    'rate_per_minute',
  ];

  /** ms back to the shortest duration text the config takes (90 min → "90m"). */
  function durationText(ms) {
    if (ms === undefined || ms === null || ms === '') return '';
    if (typeof ms !== 'number') return String(ms);
    var units = [
      ['d', 86400000],
      ['h', 3600000],
      ['m', 60000],
      ['s', 1000],
    ];
    for (var i = 0; i < units.length; i++) if (ms % units[i][1] === 0) return ms / units[i][1] + units[i][0];
    return ms + 'ms';
  }
  function summary(list, all) {
    return list && list.length ? list.join(', ') : all;
  }

  A.pages.notifications = async function () {
    var body = A.$('#channels tbody');
    var form = A.$('#channel-form');
    var typeSelect = A.$('#f-type');
    var provider = A.$('#f-provider');
    var heading = A.$('#channel-form-h');
    var cancel = A.$('#channel-cancel');
    var result = A.$('#test-result');
    var canWrite = A.may('configure');
    var editing = null;

    function templateOf(type) {
      var opt = A.$$('option', typeSelect).filter(function (o) {
        return o.value === type;
      })[0];
      return opt ? opt.getAttribute('data-template') : '{}';
    }
    function syncFields() {
      var opt = typeSelect.options[typeSelect.selectedIndex];
      provider.setAttribute('data-path', opt ? opt.getAttribute('data-fields') : '');
    }
    var shownType = typeSelect.value;
    typeSelect.addEventListener('change', function () {
      // a box still holding the previous type's template gets the new one; edited text is kept
      if (provider.value.trim() === templateOf(shownType).trim() || !provider.value.trim()) {
        provider.value = templateOf(typeSelect.value);
        A.announce('Provider settings set to the ' + typeSelect.value + ' template.');
      }
      shownType = typeSelect.value;
      syncFields();
    });

    async function loadComponents() {
      var box = A.$('#channel-components');
      var list = await A.components();
      A.clear(box);
      if (!list.length) box.appendChild(A.h('p', { text: 'No components yet.' }));
      list.forEach(function (c) {
        var id = 'channel-component-' + c.id;
        box.appendChild(
          A.h(
            'div',
            { class: 'field check' },
            A.h('input', { id: id, type: 'checkbox', name: 'components', value: c.id }),
            A.h('label', { for: id, text: c.config.name + ' (' + c.id + ')' }),
          ),
        );
      });
    }

    function ticked(name, values) {
      A.$$('input[name=' + name + ']', form).forEach(function (box) {
        box.checked = !!values && values.indexOf(box.value) !== -1;
      });
    }

    function startCreate() {
      editing = null;
      form.reset();
      A.clearErrors(form);
      form.elements.namedItem('id').readOnly = false;
      typeSelect.disabled = false;
      provider.value = templateOf(typeSelect.value);
      shownType = typeSelect.value;
      syncFields();
      heading.textContent = 'Add a channel';
      A.$('button[type=submit]', form).textContent = 'Add channel';
      cancel.hidden = true;
    }

    function startEdit(item) {
      var c = item.config;
      editing = item;
      A.clearErrors(form);
      A.setValue(form, 'id', c.id);
      form.elements.namedItem('id').readOnly = true;
      typeSelect.value = c.type;
      typeSelect.disabled = true;
      shownType = c.type;
      syncFields();
      var own = {};
      Object.keys(c).forEach(function (k) {
        if (COMMON.indexOf(k) === -1) own[k] = c[k];
      });
      provider.value = JSON.stringify(own, null, 2);
      ticked('events', c.events);
      ticked('components', c.components);
      A.setValue(form, 'reminder_every', durationText(c.reminder_every));
      A.setValue(form, 'coalesce_after', c.coalesce_after);
      A.setValue(form, 'rate_per_minute', c.rate_per_minute);
      heading.textContent = 'Edit channel ' + c.id;
      A.$('button[type=submit]', form).textContent = 'Save channel';
      cancel.hidden = false;
      heading.focus();
    }

    function showTest(id, outcome) {
      var ok = outcome && outcome.ok;
      var text = ok
        ? 'Test message to ' +
          id +
          ' delivered' +
          (outcome.remoteStatus ? ' (HTTP ' + outcome.remoteStatus + ').' : '.')
        : 'Test message to ' +
          id +
          ' failed: ' +
          outcome.error +
          (outcome.remoteStatus ? ' (HTTP ' + outcome.remoteStatus + ')' : '') +
          (outcome.remoteBody ? ' — receiver said: ' + outcome.remoteBody : '');
      result.className = 'notice ' + (ok ? 'success' : 'error');
      result.hidden = false;
      result.textContent = text;
    }

    function row(item) {
      var c = item.config;
      var actions = A.h('td', { class: 'row-actions' });
      if (canWrite) {
        var test = A.h('button', {
          type: 'button',
          class: 'small',
          text: 'Send test',
          'aria-label': 'Send test to ' + c.id,
        });
        A.bindAction(test, async function () {
          result.hidden = false;
          result.className = 'notice';
          result.textContent = 'Sending a test message to ' + c.id + '…';
          try {
            showTest(c.id, await A.api('POST', '/api/v1/notification-channels/' + encodeURIComponent(c.id) + '/test'));
          } catch (err) {
            showTest(c.id, { ok: false, error: err.message });
          }
        });
        actions.appendChild(test);
      }
      if (canWrite && item.managed_by !== 'config') {
        var edit = A.h('button', {
          type: 'button',
          class: 'small',
          text: 'Edit',
          'aria-label': 'Edit ' + c.id,
          on: {
            click: function () {
              startEdit(item);
            },
          },
        });
        var del = A.h('button', {
          type: 'button',
          class: 'small danger',
          text: 'Delete',
          'aria-label': 'Delete ' + c.id,
        });
        A.bindAction(del, async function () {
          if (!A.confirmAction('Delete the channel "' + c.id + '"? It gets no more notifications.')) return;
          await A.api('DELETE', '/api/v1/notification-channels/' + encodeURIComponent(c.id));
          if (editing && editing.id === item.id) startCreate();
          await load();
          A.$('#channels-caption').focus();
          return 'Channel ' + c.id + ' deleted.';
        });
        actions.appendChild(edit);
        actions.appendChild(del);
      }
      var managed =
        item.managed_by === 'config'
          ? A.h('td', {}, 'config file', A.h('span', { class: 'sub', text: 'read-only here' }))
          : A.h('td', { text: 'API' });
      return A.h(
        'tr',
        { dataset: { channel: c.id } },
        A.h('td', {}, A.h('code', { text: c.id })),
        A.h('td', { text: c.type }),
        A.h('td', { text: summary(c.events, 'all') }),
        A.h('td', {
          text:
            summary(c.components, 'all') +
            (c.monitors && c.monitors.length ? '; monitors: ' + c.monitors.join(', ') : ''),
        }),
        managed,
        actions,
      );
    }

    async function load() {
      var list = await A.api('GET', '/api/v1/notification-channels');
      A.clear(body);
      if (!list.length) body.appendChild(A.h('tr', {}, A.h('td', { colspan: 6, text: 'No channels yet.' })));
      list.forEach(function (item) {
        body.appendChild(row(item));
      });
    }

    function input() {
      var own;
      try {
        own = JSON.parse(provider.value || '{}');
      } catch (err) {
        throw new A.ApiError(400, {
          error: 'invalid_input',
          message: 'The provider settings are not valid JSON.',
          issues: [{ path: 'provider', message: 'Not valid JSON: ' + err.message }],
        });
      }
      if (!own || typeof own !== 'object' || Array.isArray(own))
        throw new A.ApiError(400, {
          error: 'invalid_input',
          message: 'The provider settings must be a JSON object.',
          issues: [{ path: 'provider', message: 'A JSON object, { … }.' }],
        });
      var out = {};
      Object.keys(own).forEach(function (k) {
        if (COMMON.indexOf(k) === -1) out[k] = own[k];
      });
      out.id = A.value(form, 'id');
      out.type = typeSelect.value;
      var events = A.$$('input[name=events]:checked', form).map(function (b) {
        return b.value;
      });
      var components = A.$$('input[name=components]:checked', form).map(function (b) {
        return b.value;
      });
      if (events.length) out.events = events;
      if (components.length) out.components = components;
      if (editing && editing.config.monitors) out.monitors = editing.config.monitors;
      if (A.value(form, 'reminder_every')) out.reminder_every = A.value(form, 'reminder_every');
      ['coalesce_after', 'rate_per_minute'].forEach(function (n) {
        var v = A.value(form, n);
        if (v !== '') out[n] = /^-?\d+$/.test(v) ? Number(v) : v;
      });
      return out;
    }

    A.bindForm(form, async function () {
      var data = input();
      var wasEditing = !!editing;
      if (editing) await A.api('PUT', '/api/v1/notification-channels/' + encodeURIComponent(editing.id), data);
      else await A.api('POST', '/api/v1/notification-channels', data);
      startCreate();
      await load();
      A.$('#channels-caption').focus();
      return 'Channel ' + data.id + (wasEditing ? ' saved.' : ' added.');
    });
    cancel.addEventListener('click', function () {
      startCreate();
      heading.focus();
      A.announce('Editing cancelled.');
    });

    syncFields();
    try {
      await Promise.all([load(), loadComponents()]);
    } catch (err) {
      A.pageAlert(err.message);
    }
  };
})();
