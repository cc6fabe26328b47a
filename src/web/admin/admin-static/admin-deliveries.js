/* Pharos admin: deliveries (dead letters with retry, paged by the last row's id) and public subscribers. */
(function () {
  'use strict';
  var A = window.PharosAdmin;
  var PAGE = 50;

  function text(value) {
    return value === null || value === undefined || value === '' ? '—' : String(value);
  }

  A.pages.deliveries = function () {
    var form = A.$('#delivery-filter');
    var body = A.$('#deliveries tbody');
    var older = A.$('#deliveries-older');
    var newest = A.$('#deliveries-newest');
    var caption = A.$('#deliveries-caption');
    var before = null;

    function query() {
      var q = new URLSearchParams();
      q.set('state', A.value(form, 'state'));
      q.set('limit', String(PAGE));
      if (A.value(form, 'channel')) q.set('channel', A.value(form, 'channel'));
      if (before) q.set('before', before);
      return q.toString();
    }

    function row(d) {
      var actions = A.h('td', { class: 'row-actions' });
      if (d.state === 'dead' && A.may('configure')) {
        var retry = A.h('button', {
          type: 'button',
          class: 'small',
          text: 'Retry',
          'aria-label': 'Retry ' + d.event_type + ' to ' + d.target,
        });
        A.bindAction(retry, async function () {
          await A.api('POST', '/api/v1/notifications/' + encodeURIComponent(d.id) + '/retry');
          await load();
          caption.focus();
          return d.event_type + ' to ' + d.target + ' queued again.';
        });
        actions.appendChild(retry);
      }
      var error = d.last_error
        ? A.h(
            'td',
            {},
            A.h('span', { class: 'break', text: d.last_error }),
            d.last_body
              ? A.h(
                  'details',
                  {},
                  A.h('summary', { text: 'Receiver’s answer' }),
                  A.h('pre', { class: 'json', text: d.last_body }),
                )
              : null,
          )
        : A.h('td', { text: '—' });
      var times = A.h(
        'td',
        {},
        A.h('span', { class: 'sub' }, 'created ', A.timeEl(d.created_at)),
        d.sent_at
          ? A.h('span', { class: 'sub' }, 'sent ', A.timeEl(d.sent_at))
          : d.state === 'pending'
            ? A.h('span', { class: 'sub' }, 'next try ', A.timeEl(d.next_attempt_at))
            : null,
      );
      return A.h(
        'tr',
        { dataset: { delivery: d.id } },
        A.h('td', {}, A.h('code', { text: d.event_type })),
        A.h('td', { class: 'break', text: d.target }),
        A.h('td', {}, A.badge(d.state)),
        A.h('td', { text: String(d.attempts) }),
        error,
        A.h('td', { text: text(d.last_status) }),
        times,
        actions,
      );
    }

    async function load() {
      var list = await A.api('GET', '/api/v1/notifications?' + query());
      A.clear(body);
      if (!list.length)
        body.appendChild(
          A.h('tr', {}, A.h('td', { colspan: 8, text: 'No ' + A.value(form, 'state') + ' deliveries.' })),
        );
      list.forEach(function (d) {
        body.appendChild(row(d));
      });
      caption.textContent =
        A.label(A.value(form, 'state')) + ' deliveries, newest first' + (before ? ' (older page)' : '');
      older.hidden = list.length < PAGE;
      newest.hidden = before === null;
      if (list.length) older.dataset.next = list[list.length - 1].id;
      return list.length;
    }

    A.bindForm(form, async function () {
      before = null;
      var n = await load();
      return n + ' deliveries shown.';
    });
    A.bindAction(older, async function () {
      before = older.dataset.next;
      await load();
      caption.focus();
      return 'Older deliveries shown.';
    });
    A.bindAction(newest, async function () {
      before = null;
      await load();
      caption.focus();
      return 'Newest deliveries shown.';
    });
    load().catch(function (err) {
      A.showErrors(form, err);
    });
  };

  /** Whether visitors can subscribe, and how to turn it on (the config file's subscribers section). */
  function showSubscriptionState(s) {
    var box = A.clear(A.$('#subscription-state'));
    if (!s.enabled) {
      box.appendChild(
        A.h(
          'p',
          { class: 'state-off' },
          A.h('strong', { text: 'Subscriptions are off: ' }),
          'the status page shows no subscribe form. To turn them on, set ',
          A.h('code', { text: s.config_key + ': true' }),
          ' in the config file (with ',
          A.h('code', { text: 'subscribers.email' }),
          ' and its SMTP relay for email subscribers) and restart Pharos. See "Subscribers" in the README.',
        ),
      );
      return;
    }
    var ways = [];
    if (s.email)
      ways.push(
        'by email (through ' +
          s.email.host +
          ':' +
          s.email.port +
          (s.email.secure ? ', TLS' : ', STARTTLS ' + s.email.starttls) +
          ')',
      );
    if (s.webhooks) ways.push('by webhook');
    box.appendChild(
      A.h(
        'p',
        { class: 'state-on' },
        A.h('strong', { text: 'Subscriptions are on: ' }),
        ways.length
          ? 'visitors can subscribe ' + ways.join(' and ') + '.'
          : 'but neither email nor webhooks are enabled.',
      ),
    );
  }

  A.pages.subscribers = async function () {
    var body = A.$('#subscribers tbody');
    A.loadNotices();
    A.api('GET', '/api/v1/subscription-settings')
      .then(showSubscriptionState)
      .catch(function (err) {
        A.pageAlert('Could not load the subscription settings: ' + err.message);
      });

    async function load() {
      var res = await Promise.all([A.api('GET', '/api/v1/subscribers'), A.components()]);
      var names = {};
      res[1].forEach(function (c) {
        names[c.id] = c.config.name;
      });
      A.clear(body);
      if (!res[0].length) body.appendChild(A.h('tr', {}, A.h('td', { colspan: 6, text: 'No subscribers.' })));
      res[0].forEach(function (s) {
        var actions = A.h('td', { class: 'row-actions' });
        if (A.may('configure')) {
          var del = A.h('button', {
            type: 'button',
            class: 'small danger',
            text: 'Remove',
            'aria-label': 'Remove subscriber ' + s.target,
          });
          A.bindAction(del, async function () {
            if (!A.confirmAction('Remove the subscriber ' + s.target + '? They get no more notices.')) return;
            await A.api('DELETE', '/api/v1/subscribers/' + encodeURIComponent(s.id));
            await load();
            A.$('#subscribers-caption').focus();
            return 'Subscriber ' + s.target + ' removed.';
          });
          actions.appendChild(del);
        }
        var components = s.component_ids.length
          ? s.component_ids
              .map(function (id) {
                return names[id] || id;
              })
              .join(', ')
          : 'all';
        body.appendChild(
          A.h(
            'tr',
            { dataset: { subscriber: s.id } },
            A.h('td', { text: s.kind }),
            A.h('td', { class: 'break', text: s.target }),
            A.h('td', { text: components }),
            A.h('td', {}, s.confirmed_at ? A.timeEl(s.confirmed_at) : 'not yet'),
            A.h('td', {}, A.timeEl(s.created_at)),
            actions,
          ),
        );
      });
    }
    try {
      await load();
    } catch (err) {
      A.pageAlert(err.message);
    }
  };
})();
