/* Pharos admin: one monitor's page. Status, uptime per period, response-time chart, results, status changes, incidents. */
(function () {
  'use strict';
  var A = window.PharosAdmin;
  var SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      el.setAttribute(k, attrs[k]);
    });
    return el;
  }
  function niceMax(v) {
    var x = Math.max(v, 10);
    var p = Math.pow(10, Math.floor(Math.log10(x)));
    var steps = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= x) return steps[i] * p;
    return 10 * p;
  }
  function ms(v) {
    return Math.round(v) + ' ms';
  }

  /** The average as a line over the p95 band, placed by time (raw checks are not evenly spaced); dots when few. */
  A.latencyChart = function (apiPoints, label) {
    var fig = A.h('div', { class: 'chart-box' });
    // the API gives ISO times; the chart places points by their ms
    var points = apiPoints.map(function (p) {
      return { t: Date.parse(p.t), avg_ms: p.avg_ms, p95_ms: p.p95_ms };
    });
    var measured = points.filter(function (p) {
      return p.avg_ms !== null;
    });
    if (!measured.length) {
      fig.appendChild(A.h('p', { class: 'empty', text: 'No measurements in this period yet.' }));
      return fig;
    }
    var w = 600;
    var h = 160;
    var t0 = points[0].t;
    var t1 = points[points.length - 1].t;
    var span = Math.max(1, t1 - t0);
    var top = niceMax(
      Math.max.apply(
        null,
        measured.map(function (p) {
          return Math.max(p.avg_ms, p.p95_ms || 0);
        }),
      ),
    );
    var x = function (t) {
      return points.length === 1 ? w / 2 : ((t - t0) / span) * w;
    };
    var y = function (v) {
      return h - (Math.min(v, top) / top) * (h - 4) - 2;
    };
    var chart = svg('svg', { viewBox: '0 0 ' + w + ' ' + h, preserveAspectRatio: 'none', role: 'img' });
    var title = svg('title');
    var avg =
      measured.reduce(function (s, p) {
        return s + p.avg_ms;
      }, 0) / measured.length;
    title.textContent =
      label + ': average ' + ms(avg) + ' over ' + measured.length + (measured.length === 1 ? ' point' : ' points');
    chart.appendChild(title);
    [0.5, 1].forEach(function (f) {
      chart.appendChild(svg('line', { class: 'grid', x1: 0, x2: w, y1: y(top * f), y2: y(top * f) }));
    });
    var runs = [[]];
    points.forEach(function (p) {
      if (p.avg_ms === null) runs.push([]);
      else runs[runs.length - 1].push(p);
    });
    runs.forEach(function (run) {
      if (!run.length) return;
      var line = run
        .map(function (p) {
          return x(p.t).toFixed(1) + ',' + y(p.avg_ms).toFixed(1);
        })
        .join(' ');
      var withP95 = run.filter(function (p) {
        return p.p95_ms !== null;
      });
      if (withP95.length > 1)
        chart.appendChild(
          svg('polygon', {
            class: 'p95',
            points:
              withP95
                .map(function (p) {
                  return x(p.t).toFixed(1) + ',' + y(p.p95_ms).toFixed(1);
                })
                .join(' ') +
              ' ' +
              x(withP95[withP95.length - 1].t).toFixed(1) +
              ',' +
              h +
              ' ' +
              x(withP95[0].t).toFixed(1) +
              ',' +
              h,
          }),
        );
      if (run.length > 1) chart.appendChild(svg('polyline', { class: 'avg', points: line }));
    });
    // dots where points are few (a fresh install's raw checks), so that a single check still shows
    if (measured.length <= 60)
      measured.forEach(function (p) {
        chart.appendChild(svg('circle', { class: 'dot', cx: x(p.t), cy: y(p.avg_ms), r: 2.5 }));
      });
    fig.appendChild(
      A.h(
        'div',
        { class: 'chart-axes' },
        A.h(
          'div',
          { class: 'y', 'aria-hidden': 'true' },
          A.h('span', { text: ms(top) }),
          A.h('span', { text: ms(top / 2) }),
          A.h('span', { text: '0 ms' }),
        ),
        chart,
      ),
    );
    fig.appendChild(
      A.h('p', { class: 'x' }, A.timeEl(t0), points.length > 1 ? A.timeEl(t1) : document.createTextNode('')),
    );
    return fig;
  };

  /** A check's time to the second; the date only when it is not today. */
  function checkTime(ms) {
    var d = new Date(ms);
    var today = new Date().toDateString() === d.toDateString();
    var text = today
      ? d.toLocaleTimeString(undefined, { timeStyle: 'medium' })
      : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
    return A.h('time', { datetime: d.toISOString(), text: text });
  }

  function resultText(r) {
    if (r.maintenance) return 'maintenance';
    if (!r.ok) return 'failed';
    return r.degraded ? 'degraded' : 'passed';
  }

  function fill(tbody, rows, cols, empty) {
    A.clear(tbody);
    if (!rows.length) tbody.appendChild(A.h('tr', {}, A.h('td', { colspan: cols, text: empty })));
    rows.forEach(function (r) {
      tbody.appendChild(r);
    });
  }

  A.pages['monitor-report'] = async function () {
    var id = document.body.dataset.id;
    var report = await A.api('GET', '/api/v1/monitors/' + encodeURIComponent(id) + '/report');
    var summary = A.$('#monitor-summary');
    A.clear(summary);
    summary.appendChild(A.h('strong', { text: report.name + ' ' }));
    summary.appendChild(A.badge(report.status));
    summary.appendChild(
      document.createTextNode(
        (report.status_since ? ' since ' + A.fmtTime(report.status_since) : '') +
          ' · ' +
          report.type.toUpperCase() +
          (report.enabled ? '' : ' · paused') +
          ' · last check ' +
          A.ago(report.last_check_at),
      ),
    );
    if (report.last_error)
      summary.appendChild(A.h('span', { class: 'sub' }, 'Last error: ', A.h('code', { text: report.last_error })));
    A.$$('#monitor-uptime dd').forEach(function (dd) {
      var u = report.uptime[dd.getAttribute('data-period')];
      dd.textContent = u === null ? 'No data yet' : window.PharosUptime(u);
    });

    var box = A.$('#monitor-latency');
    var show = function (which) {
      A.$$('[data-series]').forEach(function (b) {
        b.setAttribute('aria-pressed', String(b.getAttribute('data-series') === which));
      });
      A.clear(box);
      box.appendChild(
        A.latencyChart(
          report.latency[which],
          'Response time of ' + report.name + (which === 'hour' ? ', last 24 hours' : ', last 30 days'),
        ),
      );
    };
    A.$$('[data-series]').forEach(function (b) {
      b.addEventListener('click', function () {
        show(b.getAttribute('data-series'));
      });
    });
    show('hour');

    fill(
      A.$('#results tbody'),
      report.results.map(function (r) {
        return A.h(
          'tr',
          { class: r.ok ? '' : 'failed' },
          A.h('td', { class: 'nowrap' }, checkTime(r.started_at)),
          A.h(
            'td',
            { class: 'nowrap' },
            A.badge(r.ok ? (r.degraded ? 'degraded' : 'up') : r.maintenance ? 'maintenance' : 'down'),
            ' ',
            resultText(r),
          ),
          A.h('td', { class: 'nowrap', text: ms(r.latency_ms) }),
          A.h('td', { text: r.status_code === null ? '—' : String(r.status_code) }),
          A.h('td', {}, r.error ? A.h('code', { class: 'raw-error', text: r.error }) : '—'),
        );
      }),
      5,
      'No results yet.',
    );
    fill(
      A.$('#changes tbody'),
      report.status_changes.map(function (c) {
        return A.h(
          'tr',
          {},
          A.h('td', { class: 'nowrap' }, checkTime(c.at)),
          A.h('td', {}, A.badge(c.from)),
          A.h('td', {}, A.badge(c.to)),
          A.h('td', {}, c.reason ? A.h('code', { class: 'raw-error', text: c.reason }) : '—'),
        );
      }),
      4,
      'No status changes in 90 days.',
    );
    fill(
      A.$('#monitor-incidents tbody'),
      report.incidents.map(function (i) {
        return A.h(
          'tr',
          {},
          A.h('td', {}, A.timeEl(i.created_at)),
          A.h('td', {}, A.h('a', { href: '/admin/incidents/' + encodeURIComponent(i.id), text: i.name })),
          A.h('td', { text: A.label(i.impact) }),
          A.h('td', { text: A.label(i.status) + (i.resolved_at ? ' ' + A.fmtTime(i.resolved_at) : '') }),
        );
      }),
      4,
      'No incidents in 90 days.',
    );
  };
})();
