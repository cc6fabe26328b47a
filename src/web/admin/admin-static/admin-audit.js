/* Pharos admin: the audit log with filters (actor, action, target type, from/to) and paging. */
(function () {
  'use strict';
  var A = window.PharosAdmin;
  var PAGE = 50;

  function summary(value) {
    if (value === null || value === undefined) return '';
    var text = JSON.stringify(value, null, 2);
    return text.length > 4000 ? text.slice(0, 4000) + '\n…' : text;
  }

  A.pages.audit = function () {
    var form = A.$('#audit-filter');
    var body = A.$('#audit tbody');
    var older = A.$('#audit-older');
    var newest = A.$('#audit-newest');
    var before = null;

    function query() {
      var q = new URLSearchParams();
      q.set('limit', String(PAGE));
      ['actor', 'action', 'target_type'].forEach(function (n) {
        if (A.value(form, n)) q.set(n, A.value(form, n));
      });
      ['from', 'to'].forEach(function (n) {
        if (A.value(form, n)) q.set(n, new Date(A.value(form, n)).toISOString());
      });
      if (before) q.set('before', String(before));
      return q.toString();
    }

    async function load() {
      var list = await A.api('GET', '/api/v1/audit?' + query());
      A.clear(body);
      if (!list.length) body.appendChild(A.h('tr', {}, A.h('td', { colspan: 6, text: 'No entries.' })));
      list.forEach(function (e) {
        var details =
          e.before === null && e.after === null
            ? A.h('span', { class: 'sub', text: '—' })
            : A.h(
                'details',
                {},
                A.h('summary', { text: 'Before and after' }),
                A.h('pre', { class: 'json', text: 'before: ' + summary(e.before) + '\nafter: ' + summary(e.after) }),
              );
        body.appendChild(
          A.h(
            'tr',
            {},
            A.h('td', {}, A.timeEl(e.at)),
            A.h(
              'td',
              {},
              e.actor_label,
              A.h('span', { class: 'sub', text: e.actor_type + (e.actor_id ? ' · ' + e.actor_id : '') }),
            ),
            A.h('td', {}, A.h('code', { text: e.action })),
            A.h('td', { text: e.target_type + (e.target_id ? ' ' + e.target_id : '') }),
            A.h('td', { text: e.ip || '—' }),
            A.h('td', {}, details),
          ),
        );
      });
      older.hidden = list.length < PAGE;
      newest.hidden = before === null;
      if (list.length) older.dataset.next = String(list[list.length - 1].id);
      return list.length;
    }

    A.bindForm(form, async function () {
      before = null;
      var n = await load();
      return n + ' entries shown.';
    });
    form.addEventListener('reset', function () {
      setTimeout(function () {
        before = null;
        load().catch(function (err) {
          A.pageAlert(err.message);
        });
      }, 0);
    });
    A.bindAction(older, async function () {
      before = Number(older.dataset.next);
      await load();
      A.$('#audit-caption').focus();
      return 'Older entries shown.';
    });
    A.bindAction(newest, async function () {
      before = null;
      await load();
      A.$('#audit-caption').focus();
      return 'Newest entries shown.';
    });
    load().catch(function (err) {
      A.showErrors(form, err);
    });
  };
})();
