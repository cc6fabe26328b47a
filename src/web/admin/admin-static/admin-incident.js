/* Pharos admin: one incident. Facts, updates (edit, delete), a new update, resolve, postmortem, take over, delete. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  A.pages.incident = async function () {
    var id = document.body.dataset.id;
    var base = '/api/v1/incidents/' + encodeURIComponent(id);
    var names = {};
    var incident = null;
    var updateForm = A.$('#update-form');
    var renameForm = A.$('#rename-form');
    var pmForm = A.$('#postmortem-form');
    var pickers = A.$('.component-pickers', updateForm);

    function facts(inc) {
      var dl = A.clear(A.$('#incident-facts'));
      var comps =
        inc.component_ids
          .map(function (c) {
            return names[c] || c;
          })
          .join(', ') || 'none';
      [
        ['Status', A.badge(inc.status)],
        ['Impact', inc.impact],
        [
          'Source',
          inc.source === 'auto'
            ? 'automatic' + (inc.taken_over_by ? ', taken over by ' + inc.taken_over_by : '')
            : 'manual',
        ],
        ['Opened', A.timeEl(inc.created_at)],
        ['Resolved', A.timeEl(inc.resolved_at)],
        ['Components', comps],
      ].forEach(function (f) {
        dl.appendChild(A.h('dt', { text: f[0] }));
        dl.appendChild(A.h('dd', {}, f[1]));
      });
    }

    function updateItem(u) {
      var text = A.h('div', { class: 'update-body' });
      A.showMarkdown(text, u.body);
      var editBtn = A.h('button', {
        type: 'button',
        class: 'small',
        text: 'Edit',
        'aria-label': 'Edit update from ' + A.fmtTime(u.created_at),
      });
      var delBtn = A.h('button', {
        type: 'button',
        class: 'small danger',
        text: 'Delete',
        'aria-label': 'Delete update from ' + A.fmtTime(u.created_at),
      });
      var changes = u.affected_components
        .map(function (c) {
          return (names[c.component_id] || c.component_id) + ': ' + A.label(c.new_status);
        })
        .join(', ');
      var li = A.h(
        'li',
        { class: 'update', dataset: { update: u.id } },
        A.h(
          'p',
          { class: 'update-meta' },
          A.badge(u.status),
          ' ',
          A.timeEl(u.created_at),
          changes ? A.h('span', { class: 'sub', text: changes }) : null,
        ),
        text,
        A.h('div', { class: 'actions' }, editBtn, delBtn),
      );
      editBtn.addEventListener('click', function () {
        editUpdate(li, u, editBtn);
      });
      A.bindAction(delBtn, async function () {
        if (!A.confirmAction('Delete this update?')) return;
        render(await A.api('DELETE', base + '/updates/' + encodeURIComponent(u.id)));
        A.$('#updates-h').focus();
        return 'Update deleted.';
      });
      return li;
    }

    function editUpdate(li, u, editBtn) {
      var areaId = 'edit-' + u.id;
      var form = A.h(
        'form',
        { class: 'edit-update' },
        A.h(
          'div',
          { class: 'field' },
          A.h('label', { for: areaId, text: 'Edit the update text' }),
          A.h('textarea', { id: areaId, name: 'body', rows: 4 }),
        ),
        A.h('div', { class: 'form-error', role: 'alert', hidden: true }),
        A.h(
          'div',
          { class: 'actions' },
          A.h('button', { type: 'submit', class: 'primary', text: 'Save update' }),
          A.h('button', {
            type: 'button',
            text: 'Cancel',
            on: {
              click: function () {
                form.remove();
                editBtn.focus();
              },
            },
          }),
        ),
      );
      li.appendChild(form);
      var area = A.$('textarea', form);
      area.value = u.body;
      area.focus();
      A.bindForm(form, async function () {
        render(await A.api('PATCH', base + '/updates/' + encodeURIComponent(u.id), { body: area.value }));
        var again = A.$('[data-update="' + u.id + '"] button', A.$('#updates'));
        if (again) again.focus();
        return 'Update saved.';
      });
    }

    function pharosRunsIt(inc) {
      return inc.source === 'auto' && !inc.taken_over_by && inc.resolved_at === null;
    }
    function takingOver() {
      return pharosRunsIt(incident) && updateForm.elements.namedItem('take_over').checked;
    }
    function buttonLabels() {
      A.$('button[type=submit]', updateForm).textContent = takingOver() ? 'Take over and post update' : 'Post update';
      A.$('#resolve').textContent = takingOver() ? 'Take over and resolve' : 'Resolve incident';
    }
    function showRecovered(inc) {
      A.$('#recovered-note').hidden = !inc.monitors_recovered;
    }

    function render(inc) {
      incident = inc;
      A.$('.incident-name').textContent = inc.name;
      A.$('h1').textContent = 'Incident: ' + inc.name;
      facts(inc);
      var list = A.clear(A.$('#updates'));
      inc.updates
        .slice()
        .sort(function (a, b) {
          return Date.parse(b.created_at) - Date.parse(a.created_at);
        })
        .forEach(function (u) {
          list.appendChild(updateItem(u));
        });
      if (!inc.updates.length) list.appendChild(A.h('li', { text: 'No updates yet.' }));
      A.setValue(renameForm, 'name', inc.name);
      A.setValue(renameForm, 'impact', inc.impact);
      if (inc.status !== 'resolved' && inc.status !== 'postmortem') A.setValue(updateForm, 'status', inc.status);
      var resolved = inc.resolved_at !== null;
      A.$('#auto-note').hidden = !pharosRunsIt(inc);
      // posting to an incident Pharos still runs takes it over, in one step (take_over: true)
      A.$('#take-over-box').hidden = !pharosRunsIt(inc);
      buttonLabels();
      showRecovered(inc);
      A.$('#resolve').hidden = resolved;
      A.$('#postmortem-section').hidden = !resolved;
      A.$('#postmortem-remove').hidden = !inc.postmortem;
      if (inc.postmortem && !A.value(pmForm, 'postmortem')) A.setValue(pmForm, 'postmortem', inc.postmortem.body);
      A.$('#public-link').setAttribute('href', '/incidents/' + encodeURIComponent(inc.id));
    }

    A.bindPreviews(document);
    try {
      (await A.components()).forEach(function (c) {
        names[c.id] = c.config.name;
      });
      await A.renderPickers(pickers, 'unchanged');
    } catch (err) {
      A.pageAlert('Could not load components: ' + err.message);
    }
    render(await A.api('GET', base));
    if (new URLSearchParams(location.search).get('created')) A.announce('Incident opened.');

    async function post(status) {
      if (pharosRunsIt(incident) && !takingOver())
        throw {
          message: 'Pharos still runs this incident: tick "Take over this incident and post this update" to post.',
          issues: [{ path: 'body.take_over', message: 'Tick this to take the incident over and post.' }],
        };
      var body = { body: updateForm.elements.namedItem('body').value, status: status };
      if (takingOver()) body.take_over = true;
      var impact = A.value(updateForm, 'impact');
      if (impact) body.impact = impact;
      var comps = A.pickedComponents(pickers);
      if (comps.length) body.components = comps;
      render(await A.api('POST', base + '/updates', body));
      updateForm.reset();
      A.$$('select[data-component]', pickers).forEach(function (s) {
        s.value = '';
      });
      A.$$('.preview', updateForm).forEach(function (p) {
        p.textContent = '';
      });
      if (incident.status !== 'resolved') A.setValue(updateForm, 'status', incident.status);
      updateForm.elements.namedItem('take_over').checked = true;
      buttonLabels();
    }
    updateForm.elements.namedItem('take_over').addEventListener('change', buttonLabels);

    // a taken-over incident is resolved by people: say when its monitors are up again
    setInterval(async function () {
      if (!incident || incident.source !== 'auto' || !incident.taken_over_by || incident.resolved_at !== null) return;
      try {
        var latest = await A.api('GET', base);
        incident.monitors_recovered = latest.monitors_recovered;
        showRecovered(latest);
      } catch {
        /* the next poll tries again */
      }
    }, 5000);
    A.bindForm(updateForm, async function () {
      await post(A.value(updateForm, 'status'));
      return 'Update posted.';
    });
    async function resolve() {
      var area = updateForm.elements.namedItem('body');
      if (!area.value.trim()) area.value = 'This incident has been resolved.';
      try {
        await post('resolved');
      } catch (err) {
        A.showErrors(updateForm, err);
        throw err;
      }
      A.$('#pm-h').focus();
      return 'Incident resolved.';
    }
    A.bindAction(A.$('#resolve'), resolve);
    A.bindAction(A.$('#resolve-recovered'), resolve);
    A.bindForm(renameForm, async function () {
      render(await A.api('PATCH', base, { name: A.value(renameForm, 'name'), impact: A.value(renameForm, 'impact') }));
      return 'Incident saved.';
    });
    A.bindForm(pmForm, async function () {
      render(await A.api('PUT', base + '/postmortem', { body: pmForm.elements.namedItem('postmortem').value }));
      return 'Postmortem published.';
    });
    A.bindAction(A.$('#postmortem-remove'), async function () {
      if (!A.confirmAction('Remove the postmortem?')) return;
      A.setValue(pmForm, 'postmortem', '');
      render(await A.api('DELETE', base + '/postmortem'));
      return 'Postmortem removed.';
    });
    A.bindAction(A.$('#take-over'), async function () {
      render(await A.api('POST', base + '/take-over'));
      A.$('#updates-h').focus();
      return 'You have taken over this incident: Pharos no longer updates or resolves it.';
    });
    A.bindAction(A.$('#incident-delete'), async function () {
      if (!A.confirmAction('Delete this incident and all its updates?')) return;
      await A.api('DELETE', base);
      location.assign('/admin/incidents');
    });
  };
})();
