/* Pharos admin: the monthly SLA report as a table, with a CSV download and a printable layout. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  function pct(v) {
    return v === null ? '—' : window.PharosUptime(v / 100);
  }

  A.pages.reports = function () {
    var form = A.$('#report-form');
    var csv = A.$('#report-csv');
    var month = form.elements.namedItem('month');
    if (!month.value) month.value = new Date().toISOString().slice(0, 7);

    function params(format) {
      var q = new URLSearchParams({ month: A.value(form, 'month'), time_zone: A.value(form, 'time_zone') || 'UTC' });
      if (format) q.set('format', format);
      return q.toString();
    }
    function syncCsv() {
      csv.setAttribute('href', '/api/v1/reports/sla?' + params('csv'));
    }
    form.addEventListener('input', syncCsv);
    syncCsv();

    A.bindForm(form, async function () {
      var report = await A.api('GET', '/api/v1/reports/sla?' + params());
      var body = A.clear(A.$('#report tbody'));
      report.components.forEach(function (c) {
        body.appendChild(
          A.h(
            'tr',
            {},
            A.h('td', { text: c.name }),
            A.h('td', { text: pct(c.uptime_percent) }),
            A.h('td', { text: String(c.downtime_minutes) }),
            A.h('td', { text: String(c.incident_count) }),
          ),
        );
      });
      if (!report.components.length) body.appendChild(A.h('tr', {}, A.h('td', { colspan: 4, text: 'No components.' })));
      var agg = report.aggregate;
      A.$('#report-summary').textContent =
        report.period.month +
        ' (' +
        report.period.time_zone +
        (report.period.complete ? '' : ', month still running') +
        '): ' +
        agg.component_count +
        ' components, mean uptime ' +
        pct(agg.uptime_percent) +
        ', ' +
        agg.downtime_minutes +
        ' minutes with a component down, ' +
        agg.incident_count +
        ' incidents.';
      A.$('#report-section').hidden = false;
      A.$('#report-h').focus();
      return 'Report for ' + report.period.month + ' shown.';
    });
    A.$('#report-print').addEventListener('click', function () {
      window.print();
    });
  };
})();
