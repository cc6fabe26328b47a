/* Pharos admin: the dashboard. Every monitor with live status, polled every 5 s, and a 24-hour latency sparkline. */
(function () {
  'use strict';
  var A = window.PharosAdmin;
  var SVG = 'http://www.w3.org/2000/svg';
  var POLL_MS = 5000;

  function svgEl(tag, attrs) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) {
      el.setAttribute(k, attrs[k]);
    });
    return el;
  }

  /** 24 hourly points: a latency line (gaps where no check passed) and a red tick for hours with failures. */
  A.sparkline = function (points) {
    var w = 120;
    var h = 28;
    var step = w / Math.max(1, points.length - 1);
    var values = points
      .map(function (p) {
        return p.avg_ms;
      })
      .filter(function (v) {
        return v !== null;
      });
    var max = Math.max.apply(null, values.concat([1]));
    var checks = points.reduce(function (s, p) {
      return s + p.checks;
    }, 0);
    var failures = points.reduce(function (s, p) {
      return s + p.failures;
    }, 0);
    var avg = values.length
      ? Math.round(
          values.reduce(function (s, v) {
            return s + v;
          }, 0) / values.length,
        )
      : null;
    var label =
      avg === null
        ? 'No checks in the last 24 hours'
        : '24 hours: average ' +
          avg +
          ' ms, peak ' +
          Math.round(max) +
          ' ms, ' +
          failures +
          ' failed of ' +
          checks +
          ' checks';
    var svg = svgEl('svg', {
      class: 'spark',
      viewBox: '0 0 ' + w + ' ' + h,
      width: w,
      height: h,
      role: 'img',
      'aria-label': label,
      focusable: 'false',
    });
    var title = svgEl('title', {});
    title.textContent = label;
    svg.appendChild(title);
    svg.appendChild(svgEl('line', { class: 'spark-base', x1: 0, y1: h - 0.5, x2: w, y2: h - 0.5 }));
    var runs = [];
    var run = [];
    points.forEach(function (p, i) {
      if (p.failures > 0)
        svg.appendChild(
          svgEl('rect', { class: 'spark-fail', x: Math.max(0, i * step - 1.5), y: 0, width: 3, height: h }),
        );
      if (p.avg_ms === null) {
        if (run.length) runs.push(run);
        run = [];
        return;
      }
      run.push((i * step).toFixed(1) + ',' + (h - 2 - (p.avg_ms / max) * (h - 4)).toFixed(1));
    });
    if (run.length) runs.push(run);
    runs.forEach(function (r) {
      if (r.length === 1) {
        var xy = r[0].split(',');
        svg.appendChild(svgEl('circle', { class: 'spark-dot', cx: xy[0], cy: xy[1], r: 1.5 }));
      } else svg.appendChild(svgEl('polyline', { class: 'spark-line', points: r.join(' ') }));
    });
    return svg;
  };

  function row(m) {
    var name = A.h(
      'td',
      {},
      A.h('a', { href: '/admin/monitors/' + encodeURIComponent(m.id) + '/overview', text: m.name }),
      A.h('span', {
        class: 'sub',
        text: m.type + (m.managed_by === 'config' ? ' · config file' : '') + (m.enabled ? '' : ' · paused'),
      }),
    );
    var status = A.h(
      'td',
      {},
      A.badge(m.enabled ? m.status : 'paused'),
      m.last_error && m.status !== 'up' ? A.h('span', { class: 'sub', text: m.last_error }) : null,
    );
    return A.h(
      'tr',
      { dataset: { monitor: m.id } },
      name,
      status,
      A.h(
        'td',
        {},
        m.last_check_at
          ? A.h('time', {
              datetime: new Date(m.last_check_at).toISOString(),
              title: A.fmtTime(m.last_check_at),
              text: A.ago(m.last_check_at),
            })
          : 'never',
      ),
      A.h('td', { text: m.last_latency_ms === null ? '—' : Math.round(m.last_latency_ms) + ' ms' }),
      A.h('td', {
        text: m.uptime_24h === null ? '—' : window.PharosUptime(m.uptime_24h),
      }),
      A.h('td', {}, A.sparkline(m.sparkline)),
    );
  }

  A.pages.dashboard = function () {
    A.loadNotices();
    var body = A.$('#overview tbody');
    var updated = A.$('#overview-updated');
    var summary = A.$('#overview-summary');
    var lastSummary = '';
    async function refresh() {
      if (document.hidden) return;
      try {
        var list = await A.api('GET', '/api/v1/monitor-overview');
        A.clear(body);
        if (!list.length) body.appendChild(A.h('tr', {}, A.h('td', { colspan: 6, text: 'No monitors yet.' })));
        list.forEach(function (m) {
          body.appendChild(row(m));
        });
        var down = list.filter(function (m) {
          return m.enabled && m.status === 'down';
        }).length;
        var text = list.length + (list.length === 1 ? ' monitor, ' : ' monitors, ') + down + ' down';
        summary.textContent = text;
        // announce only changes, not every poll
        if (lastSummary && text !== lastSummary) A.announce(text);
        lastSummary = text;
        updated.textContent = 'Updated ' + new Date().toLocaleTimeString();
        A.pageAlert('');
      } catch (err) {
        A.pageAlert('Could not refresh: ' + err.message);
      }
    }
    refresh();
    setInterval(refresh, POLL_MS);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) refresh();
    });
  };
})();
