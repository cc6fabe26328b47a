/* Pharos admin: the monitor editor. Common and type-specific fields, test now, run now, pause, resume, delete. */
(function () {
  'use strict';
  var A = window.PharosAdmin;
  var REDACTED = '[redacted]';

  function duration(ms) {
    if (typeof ms !== 'number') return ms === undefined ? '' : String(ms);
    var units = [
      ['d', 86400000],
      ['h', 3600000],
      ['m', 60000],
      ['s', 1000],
    ];
    for (var i = 0; i < units.length; i++)
      if (ms >= units[i][1] && ms % units[i][1] === 0) return ms / units[i][1] + units[i][0];
    return ms + 'ms';
  }

  function showType(form, type) {
    A.$$('.type-fields', form).forEach(function (fs) {
      var on = fs.getAttribute('data-type') === type;
      fs.hidden = !on;
      fs.disabled = !on;
    });
  }

  /** The controls of a check type's fieldset: each names its config path (data-path) and format (data-format). */
  function typeControls(form, type) {
    return A.$$('.type-fields[data-type="' + type + '"] [data-path]', form);
  }

  /** One type field into the config: empty optional fields are left out, so that the schema's default applies. */
  function readControl(el, c) {
    var path = el.getAttribute('data-path');
    var format = el.getAttribute('data-format');
    var raw = A.value(el.form, el.name);
    if (format === 'checkbox' || format === 'select') c[path] = raw;
    else if (format === 'number') c[path] = raw === '' ? undefined : Number(raw);
    else if (format === 'duration') c[path] = raw || undefined;
    else if (format === 'header-lines') {
      c[path] = {};
      raw.split('\n').forEach(function (line) {
        var at = line.indexOf(':');
        if (at > 0) c[path][line.slice(0, at).trim()] = line.slice(at + 1).trim();
      });
    } else if (raw !== '' || el.hasAttribute('data-required')) c[path] = raw;
  }

  /** One config value into its control; a secret comes back redacted and is asked for again. */
  function fillControl(el, value) {
    var format = el.getAttribute('data-format');
    if (format === 'duration') value = duration(value);
    else if (format === 'header-lines')
      value = Object.keys(value || {})
        .map(function (k) {
          return k + ': ' + value[k];
        })
        .join('\n');
    else if (format === 'secret' && value === REDACTED) {
      value = '';
      el.setAttribute('placeholder', 'hidden: enter a new token to save');
    }
    A.setValue(el.form, el.name, value);
  }

  /** The form as a monitor config for the API (empty optional fields left out). */
  function collect(form) {
    var v = function (n) {
      return A.value(form, n);
    };
    var num = function (n) {
      return v(n) === '' ? undefined : Number(v(n));
    };
    var opt = function (target, key, n) {
      if (v(n) !== '') target[key] = v(n);
    };
    var c = {
      id: v('id'),
      type: v('type'),
      interval: v('interval') || undefined,
      timeout: v('timeout') || undefined,
      failure_threshold: num('failure_threshold'),
      success_threshold: num('success_threshold'),
      enabled: v('enabled'),
      public: { hide_url: v('public.hide_url'), hide_errors: v('public.hide_errors') },
    };
    opt(c, 'name', 'name');
    opt(c, 'description', 'description');
    opt(c, 'degraded_when', 'degraded_when');
    var conditions = v('conditions')
      .split('\n')
      .map(function (s) {
        return s.trim();
      })
      .filter(Boolean);
    if (conditions.length) c.conditions = conditions;
    typeControls(form, c.type).forEach(function (el) {
      readControl(el, c);
    });
    return c;
  }

  function fill(form, c) {
    var set = function (n, val) {
      A.setValue(form, n, val);
    };
    ['name', 'description', 'type', 'degraded_when', 'failure_threshold', 'success_threshold', 'enabled'].forEach(
      function (n) {
        set(n, c[n]);
      },
    );
    set('interval', duration(c.interval));
    set('timeout', duration(c.timeout));
    set('conditions', (c.conditions || []).join('\n'));
    set('public.hide_url', c.public && c.public.hide_url);
    set('public.hide_errors', c.public && c.public.hide_errors);
    typeControls(form, c.type).forEach(function (el) {
      fillControl(el, c[el.getAttribute('data-path')]);
    });
    showType(form, c.type);
  }

  function showResult(title, result) {
    var section = A.$('#result-section');
    section.hidden = false;
    var h = A.$('#result-h');
    h.textContent = title;
    A.$('#result-summary').textContent =
      (result.ok ? (result.degraded ? 'Passed, degraded' : 'Passed') : 'Failed') +
      ' in ' +
      Math.round(result.latency_ms) +
      ' ms' +
      (result.error ? ': ' + result.error : '');
    A.$('#result-json').textContent = JSON.stringify(result, null, 2);
    h.focus();
  }

  /** The confirmation after a save, with the ways on: back to the list, or to the monitor's page. */
  function showSaved(text, id) {
    var box = A.$('#saved-note');
    A.clear(box);
    box.appendChild(A.h('strong', { text: text + ' ' }));
    box.appendChild(A.h('a', { href: '/admin', text: 'Back to all monitors' }));
    box.appendChild(document.createTextNode(' · '));
    box.appendChild(
      A.h('a', {
        href: '/admin/monitors/' + encodeURIComponent(id) + '/overview',
        text: 'View its results and uptime',
      }),
    );
    box.hidden = false;
    box.focus();
  }

  A.pages.monitor = async function () {
    var form = A.$('#monitor-form');
    var id = document.body.dataset.id || null;
    if (id && /[?&]saved=created\b/.test(location.search)) showSaved('Monitor ' + id + ' created.', id);
    var typeSelect = form.elements.namedItem('type');
    showType(form, typeSelect.value);
    typeSelect.addEventListener('change', function () {
      showType(form, typeSelect.value);
    });
    A.$$('button[data-generate]', form).forEach(function (button) {
      button.addEventListener('click', function () {
        var bytes = new Uint8Array(24);
        crypto.getRandomValues(bytes);
        A.setValue(
          form,
          button.getAttribute('data-generate'),
          Array.prototype.map
            .call(bytes, function (b) {
              return ('0' + b.toString(16)).slice(-2);
            })
            .join(''),
        );
        A.announce('New value generated.');
      });
    });

    if (id) {
      var item = await A.api('GET', '/api/v1/monitors/' + encodeURIComponent(id));
      fill(form, item.config);
      document.title = (item.config.name || id) + ' · ' + document.title.split(' · ').slice(1).join(' · ');
      A.$('h1').textContent = item.config.name || id;
      var configManaged = item.managed_by === 'config';
      A.$('#managed-note').hidden = !configManaged;
      A.$('#monitor-fields').disabled = configManaged;
      ['#monitor-save', '#monitor-delete'].forEach(function (s) {
        A.$(s).hidden = configManaged;
      });
      var syncPause = function (enabled) {
        A.$('#monitor-pause').hidden = configManaged || !enabled;
        A.$('#monitor-resume').hidden = configManaged || enabled;
      };
      syncPause(item.config.enabled);
      A.bindAction(A.$('#monitor-pause'), async function () {
        item = await A.api('POST', '/api/v1/monitors/' + encodeURIComponent(id) + '/pause');
        syncPause(false);
        A.setValue(form, 'enabled', false);
        A.$('#monitor-resume').focus();
        return 'Monitor paused.';
      });
      A.bindAction(A.$('#monitor-resume'), async function () {
        item = await A.api('POST', '/api/v1/monitors/' + encodeURIComponent(id) + '/resume');
        syncPause(true);
        A.setValue(form, 'enabled', true);
        A.$('#monitor-pause').focus();
        return 'Monitor resumed.';
      });
      A.bindAction(A.$('#monitor-run'), async function () {
        showResult(
          'Run now: result (recorded)',
          await A.api('POST', '/api/v1/monitors/' + encodeURIComponent(id) + '/run'),
        );
        return 'Check finished.';
      });
      A.bindAction(A.$('#monitor-delete'), async function () {
        if (!A.confirmAction('Delete monitor "' + id + '"? Its history stays.')) return;
        await A.api('DELETE', '/api/v1/monitors/' + encodeURIComponent(id));
        location.assign('/admin');
      });
    }

    A.$('#monitor-test').addEventListener('click', async function () {
      A.clearErrors(form);
      try {
        showResult('Test now: result (not recorded)', await A.api('POST', '/api/v1/monitors/test', collect(form)));
        A.announce('Test finished.');
      } catch (err) {
        A.showErrors(form, err);
      }
    });
    var picker = await A.catalog.monitorComponents(A.$('#monitor-components'), id);
    A.bindForm(form, async function () {
      var config = collect(form);
      if (id) {
        await A.api('PUT', '/api/v1/monitors/' + encodeURIComponent(id), config);
        await picker.save(id);
        showSaved('Monitor ' + id + ' saved.', id);
        return 'Monitor saved.';
      }
      var created = await A.api('POST', '/api/v1/monitors', config);
      await picker.save(created.id);
      // the editor of the new monitor says it was created (and links back), see showSaved
      location.assign('/admin/monitors/' + encodeURIComponent(created.id) + '?saved=created');
      return 'Monitor created.';
    });
  };
})();
