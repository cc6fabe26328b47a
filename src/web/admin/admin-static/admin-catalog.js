/* Pharos admin: what the catalog screens share. Ids from names, read-only config objects, archive, move up/down. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  A.catalog = {};

  /** An id from a name: lower-case letters, digits and -, at most 50 characters. */
  A.catalog.slug = function (text, fallback) {
    var s = String(text || '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50);
    return s || fallback;
  };

  /** Fills the id from the name until someone types an id (new objects only: the id field is readonly otherwise). */
  A.catalog.idFromName = function (form, fallback, nameField, idFieldName) {
    var idField = form.elements.namedItem(idFieldName || 'id');
    if (!idField || idField.readOnly) return;
    var touched = false;
    idField.addEventListener('input', function () {
      touched = true;
    });
    form.elements.namedItem(nameField || 'name').addEventListener('input', function (ev) {
      if (!touched) idField.value = A.catalog.slug(ev.target.value, fallback);
    });
  };

  /** Text lines, trimmed, empty ones dropped. */
  A.catalog.lines = function (text) {
    return String(text || '')
      .split('\n')
      .map(function (s) {
        return s.trim();
      })
      .filter(Boolean);
  };

  /**
   * An object from the config file, or a caller who may not configure: the fields are disabled and the save and
   * archive buttons hidden; the note says why.
   */
  A.catalog.lockIfReadOnly = function (item, fieldset, buttons) {
    var configManaged = !!item && item.managed_by === 'config';
    var locked = configManaged || !A.may('configure');
    var note = A.$('#managed-note');
    if (note) {
      note.hidden = !locked;
      if (!configManaged && locked)
        note.textContent = 'Your role may not change the catalog, so this is read-only for you.';
    }
    if (fieldset) fieldset.disabled = locked;
    buttons.forEach(function (b) {
      if (b) b.hidden = locked;
    });
    return locked;
  };

  /** The archive button of an editor: confirm, DELETE (history stays), then back to the list. */
  A.catalog.bindArchive = function (button, noun, path, back) {
    A.bindAction(button, async function () {
      if (!A.confirmAction('Archive this ' + noun + '? It leaves the pages; its history stays.')) return;
      await A.api('DELETE', path);
      location.assign(back);
    });
  };

  /**
   * Move up and move down buttons for each API object in `ids` (display order), saved with PUT orderPath.
   * Config objects keep their place (first): they get no buttons. after() reloads the list.
   */
  A.catalog.moveButtons = function (item, apiIds, orderPath, label, after) {
    if (item.managed_by === 'config' || !A.may('configure')) return null;
    var at = apiIds.indexOf(item.id);
    function mover(delta, text, aria) {
      var target = at + delta;
      var b = A.h('button', {
        type: 'button',
        class: 'small',
        text: text,
        'aria-label': aria + ' ' + label,
        disabled: target < 0 || target >= apiIds.length,
      });
      A.bindAction(b, async function () {
        var next = apiIds.slice();
        next.splice(at, 1);
        next.splice(target, 0, item.id);
        await A.api('PUT', orderPath, { ids: next });
        await after(item.id, delta < 0 ? 'up' : 'down');
        return label + ' moved ' + (delta < 0 ? 'up.' : 'down.');
      });
      return b;
    }
    return A.h('span', { class: 'move' }, mover(-1, '↑', 'Move up'), ' ', mover(1, '↓', 'Move down'));
  };

  /** A list of checkboxes (name=name, value=id) in box; checked: ids already chosen. */
  A.catalog.checkboxes = function (box, name, items, checked, describe) {
    A.clear(box);
    if (!items.length) box.appendChild(A.h('p', { text: 'None yet.' }));
    items.forEach(function (it) {
      var id = name + '-' + it.id;
      box.appendChild(
        A.h(
          'div',
          { class: 'field check' },
          A.h('input', {
            type: 'checkbox',
            id: id,
            name: name,
            value: it.id,
            checked: checked.indexOf(it.id) !== -1,
          }),
          A.h('label', { for: id }, describe(it)),
        ),
      );
    });
  };
  A.catalog.checked = function (root, name) {
    return A.$$('input[name="' + name + '"]:checked', root).map(function (c) {
      return c.value;
    });
  };

  /** ms as the shortest duration text the schemas read back (12h, 90s, 1500ms). */
  A.catalog.duration = function (ms) {
    if (typeof ms !== 'number') return ms === undefined || ms === null ? '' : String(ms);
    var units = [
      ['d', 86400000],
      ['h', 3600000],
      ['m', 60000],
      ['s', 1000],
    ];
    for (var i = 0; i < units.length; i++)
      if (ms >= units[i][1] && ms % units[i][1] === 0) return ms / units[i][1] + units[i][0];
    return ms + 'ms';
  };

  /**
   * The monitor form's component picker: one checkbox per component, ticked where the monitor belongs; a component
   * from the config file cannot change here (disabled, with the reason). save(monitorId) writes the choice in one call
   * (PUT /api/v1/monitors/:id/components) when it changed.
   */
  A.catalog.monitorComponents = async function (fieldset, monitorId) {
    var box = A.$('.checks', fieldset);
    var comps = await A.components();
    var mine = comps
      .filter(function (c) {
        return monitorId && c.config.monitors.indexOf(monitorId) !== -1;
      })
      .map(function (c) {
        return c.id;
      });
    A.catalog.checkboxes(box, 'components', comps, mine, function (c) {
      return [
        c.config.name,
        c.managed_by === 'config' ? A.h('span', { class: 'sub', text: 'config file: change it there' }) : null,
      ];
    });
    comps.forEach(function (c) {
      if (c.managed_by === 'config') document.getElementById('components-' + c.id).disabled = true;
    });
    return {
      save: async function (id) {
        var now = A.catalog.checked(fieldset, 'components');
        if (now.slice().sort().join() === mine.slice().sort().join()) return;
        await A.api('PUT', '/api/v1/monitors/' + encodeURIComponent(id) + '/components', { ids: now });
        mine = now;
      },
    };
  };

  /** "(from the config file)" as a badge with the reason in words. */
  A.catalog.managedBadge = function (item) {
    return item.managed_by === 'config'
      ? A.h('span', {
          class: 'badge',
          title: 'Defined in the configuration file: change it there.',
          text: 'config file',
        })
      : null;
  };
})();
