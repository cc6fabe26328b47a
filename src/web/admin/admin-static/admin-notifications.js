/* Pharos admin: notification channels. List, send test (outcome in a live region), create and edit, delete. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

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

  var REDACTED = '[redacted]';

  /** The value of one generated control, as the config takes it (undefined: leave the field out). */
  function readControl(el) {
    var kind = el.getAttribute('data-input');
    if (kind === 'checkbox') return el.checked;
    var raw = el.value.trim();
    if (raw === '') return undefined;
    if (kind === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    if (kind === 'number-or-text') return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    if (kind === 'list')
      return raw
        .split(/[\n,]/)
        .map(function (x) {
          return x.trim();
        })
        .filter(Boolean);
    if (kind === 'headers') {
      var headers = {};
      raw.split('\n').forEach(function (line) {
        var at = line.indexOf(':');
        if (line.trim())
          headers[(at === -1 ? line : line.slice(0, at)).trim()] = at === -1 ? '' : line.slice(at + 1).trim();
      });
      return headers;
    }
    if (kind === 'mailbox') {
      var m = /^(.*\S)\s*<([^<>]+)>$/.exec(raw);
      return m ? { name: m[1].replace(/^"|"$/g, ''), address: m[2].trim() } : raw;
    }
    return raw;
  }

  /** A stored value back into its control's text. */
  function controlText(el, value) {
    var kind = el.getAttribute('data-input');
    if (value === undefined || value === null) return '';
    if (kind === 'list' && Array.isArray(value)) return value.join('\n');
    if (kind === 'headers' && typeof value === 'object')
      return Object.keys(value)
        .map(function (k) {
          return k + ': ' + value[k];
        })
        .join('\n');
    if (kind === 'mailbox' && typeof value === 'object') return value.name + ' <' + value.address + '>';
    return String(value);
  }

  function at(obj, path) {
    return path.split('.').reduce(function (o, k) {
      return o && typeof o === 'object' ? o[k] : undefined;
    }, obj);
  }
  function put(obj, path, value) {
    var keys = path.split('.');
    var last = keys.pop();
    var target = keys.reduce(function (o, k) {
      if (!o[k] || typeof o[k] !== 'object') o[k] = {};
      return o[k];
    }, obj);
    target[last] = value;
  }

  function keepChoice(el) {
    return A.$('fieldset.keep-choice[data-keep-for="' + el.id + '"]');
  }
  function keeping(el) {
    var choice = keepChoice(el);
    return !!choice && !choice.hidden && A.$('input[value=keep]', choice).checked;
  }
  /** Shows "keep / replace" for a stored secret (keep: the box is empty and disabled), or hides it. */
  function setKeep(el, stored) {
    var choice = keepChoice(el);
    if (!choice) return;
    choice.hidden = !stored;
    A.$('input[value=keep]', choice).checked = true;
    el.disabled = !!stored;
    el.required = !stored && el.hasAttribute('data-required');
    el.value = '';
  }

  A.pages.notifications = async function () {
    var body = A.$('#channels tbody');
    var form = A.$('#channel-form');
    var typeSelect = A.$('#f-type');
    var heading = A.$('#channel-form-h');
    var cancel = A.$('#channel-cancel');
    var result = A.$('#test-result');
    var canWrite = A.may('configure');
    var editing = null;

    function typeBox(type) {
      return A.$('fieldset.type-fields[data-type="' + type + '"]', form);
    }
    function controls(type) {
      return A.$$('[data-path]', typeBox(type));
    }
    function showType(type) {
      A.$$('fieldset.type-fields', form).forEach(function (fs) {
        fs.hidden = fs.getAttribute('data-type') !== type;
      });
    }
    typeSelect.addEventListener('change', function () {
      showType(typeSelect.value);
    });
    form.addEventListener('change', function (ev) {
      var radio = ev.target;
      if (!radio.matches || !radio.matches('fieldset.keep-choice input[type=radio]')) return;
      var box = document.getElementById(radio.closest('fieldset.keep-choice').getAttribute('data-keep-for'));
      box.disabled = radio.value === 'keep';
      if (!box.disabled) box.focus();
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
      showType(typeSelect.value);
      A.$$('[data-secret]', form).forEach(function (el) {
        setKeep(el, false);
      });
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
      showType(c.type);
      controls(c.type).forEach(function (el) {
        var value = at(c, el.getAttribute('data-path'));
        if (el.hasAttribute('data-secret')) setKeep(el, value === REDACTED);
        if (el.hasAttribute('data-secret') && value === REDACTED) return;
        if (el.getAttribute('data-input') === 'checkbox') el.checked = value === true;
        else el.value = controlText(el, value);
      });
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
          (outcome.remote_status ? ' (HTTP ' + outcome.remote_status + ').' : '.')
        : 'Test message to ' +
          id +
          ' failed: ' +
          outcome.error +
          (outcome.remote_status ? ' (HTTP ' + outcome.remote_status + ')' : '') +
          (outcome.remote_body ? ' — receiver said: ' + outcome.remote_body : '');
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
      var out = {};
      controls(typeSelect.value).forEach(function (el) {
        var value = keeping(el) ? REDACTED : readControl(el);
        if (value !== undefined) put(out, el.getAttribute('data-path'), value);
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

    startCreate();
    try {
      await Promise.all([load(), loadComponents()]);
    } catch (err) {
      A.pageAlert(err.message);
    }
  };
})();
