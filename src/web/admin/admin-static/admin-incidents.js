/* Pharos admin: the incident list and the composer for a new incident. */
(function () {
  'use strict';
  var A = window.PharosAdmin;
  var PAGE = 50;

  A.incidentLink = function (inc) {
    return A.h('a', { href: '/admin/incidents/' + encodeURIComponent(inc.id), text: inc.name });
  };

  A.pages.incidents = function () {
    var body = A.$('#incidents tbody');
    var more = A.$('#incidents-more');
    var filter = A.$('#incident-filter');
    var before = null;
    async function load(reset) {
      if (reset) before = null;
      var q =
        '?state=' +
        encodeURIComponent(A.value(filter, 'state')) +
        '&limit=' +
        PAGE +
        (before ? '&before=' + encodeURIComponent(before) : '');
      try {
        var list = await A.api('GET', '/api/v1/incidents' + q);
        if (reset) A.clear(body);
        if (reset && !list.length) body.appendChild(A.h('tr', {}, A.h('td', { colspan: 6, text: 'No incidents.' })));
        list.forEach(function (inc) {
          body.appendChild(
            A.h(
              'tr',
              {},
              A.h('td', {}, A.incidentLink(inc)),
              A.h('td', {}, A.badge(inc.status)),
              A.h('td', { text: inc.impact }),
              A.h('td', {
                text: inc.source === 'auto' ? (inc.taken_over_by ? 'automatic, taken over' : 'automatic') : 'manual',
              }),
              A.h('td', {}, A.timeEl(inc.created_at)),
              A.h('td', {}, A.timeEl(inc.resolved_at)),
            ),
          );
        });
        more.hidden = list.length < PAGE;
        if (list.length) before = list[list.length - 1].created_at;
      } catch (err) {
        A.pageAlert(err.message);
      }
    }
    filter.addEventListener('change', function () {
      load(true).then(function () {
        A.announce('Incident list updated.');
      });
    });
    filter.addEventListener('submit', function (ev) {
      ev.preventDefault();
    });
    more.addEventListener('click', function () {
      load(false);
    });
    load(true);
  };

  A.pages['incident-new'] = function () {
    var form = A.$('#incident-form');
    A.bindPreviews(form);
    var pickers = A.$('.component-pickers', form);
    A.renderPickers(pickers, 'not affected').catch(function (err) {
      A.pageAlert('Could not load components: ' + err.message);
    });
    A.bindForm(form, async function () {
      var created = await A.api('POST', '/api/v1/incidents', {
        name: A.value(form, 'name'),
        status: A.value(form, 'status'),
        impact: A.value(form, 'impact'),
        body: form.elements.namedItem('body').value,
        components: A.pickedComponents(pickers),
      });
      location.assign('/admin/incidents/' + encodeURIComponent(created.id) + '?created=1');
      return 'Incident opened.';
    });
  };
})();
