/* Pharos admin: forms. API errors next to their fields, busy states, Markdown previews, component pickers. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  function visible(el) {
    return !el.closest('[hidden]') && !el.disabled;
  }

  /** The control an issue path names: body.recurrence.rrule → name or data-path "recurrence.rrule", then shorter. */
  function fieldFor(form, path) {
    var parts = String(path).split('.');
    if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
    for (var n = parts.length; n > 0; n--) {
      var key = parts.slice(0, n).join('.');
      var candidates = A.$$('[name], [data-path], fieldset[data-name]', form).filter(function (el) {
        var names = (el.getAttribute('data-path') || '').split(' ');
        return el.getAttribute('name') === key || el.getAttribute('data-name') === key || names.indexOf(key) !== -1;
      });
      var shown = candidates.filter(visible);
      // a disabled control (a kept secret) on the shown part of the form before one on a hidden part
      var onScreen = candidates.filter(function (el) {
        return !el.closest('[hidden]');
      });
      var pick = shown[0] || onScreen[0] || candidates[0];
      if (pick) return pick;
    }
    return null;
  }

  A.clearErrors = function (form) {
    A.$$('.field-error', form).forEach(function (e) {
      e.remove();
    });
    A.$$('[aria-invalid]', form).forEach(function (el) {
      el.removeAttribute('aria-invalid');
      var original = el.getAttribute('data-describedby');
      if (original !== null) {
        if (original) el.setAttribute('aria-describedby', original);
        else el.removeAttribute('aria-describedby');
        el.removeAttribute('data-describedby');
      }
    });
    var box = A.$('.form-error', form);
    if (box) {
      box.textContent = '';
      box.hidden = true;
    }
  };

  /** Shows the API's message on the form and each issue next to its field (aria-invalid + aria-describedby). */
  A.showErrors = function (form, err) {
    A.clearErrors(form);
    var box = A.$('.form-error', form);
    var message = err && err.message ? err.message : String(err);
    var issues = (err && err.issues) || [];
    var first = null;
    var unplaced = [];
    issues.forEach(function (issue, i) {
      var field = fieldFor(form, issue.path);
      if (!field) {
        unplaced.push(issue.message);
        return;
      }
      var errId = (field.id || 'field-' + i) + '-error';
      var existing = document.getElementById(errId);
      if (existing) {
        existing.textContent += ' ' + issue.message;
        return;
      }
      var note = A.h('p', { class: 'field-error', id: errId, text: issue.message });
      var holder = field.tagName === 'FIELDSET' ? field : field.closest('.field') || field.parentNode;
      if (field.tagName === 'FIELDSET') holder.insertBefore(note, holder.children[1] || null);
      else holder.appendChild(note);
      if (!field.hasAttribute('data-describedby'))
        field.setAttribute('data-describedby', field.getAttribute('aria-describedby') || '');
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', ((field.getAttribute('data-describedby') || '') + ' ' + errId).trim());
      if (!first) first = field;
    });
    if (box) {
      box.textContent = issues.length
        ? 'Please correct the marked fields.' + (unplaced.length ? ' ' + unplaced.join(' ') : '')
        : message;
      box.hidden = false;
    } else {
      A.pageAlert(message);
    }
    if (first && typeof first.focus === 'function') {
      if (first.tagName === 'FIELDSET') {
        var inner = A.$('input, select, textarea', first);
        if (inner) inner.focus();
      } else first.focus();
    }
  };

  /**
   * Submits with the submit button busy; errors go next to the fields. handler(form) returns a promise;
   * a string it resolves with is announced.
   */
  A.bindForm = function (form, handler) {
    if (!form) return;
    form.addEventListener('submit', async function (ev) {
      ev.preventDefault();
      var button = A.$('button[type=submit]', form);
      if (button && button.getAttribute('aria-disabled') === 'true') return;
      A.clearErrors(form);
      if (button) button.setAttribute('aria-disabled', 'true');
      form.setAttribute('aria-busy', 'true');
      try {
        var done = await handler(form);
        if (typeof done === 'string') A.announce(done);
      } catch (err) {
        A.showErrors(form, err);
      } finally {
        if (button) button.removeAttribute('aria-disabled');
        form.removeAttribute('aria-busy');
      }
    });
  };

  /** Runs an async action from a button, reporting failure on the page alert. */
  A.bindAction = function (button, action) {
    if (!button) return;
    button.addEventListener('click', async function () {
      if (button.getAttribute('aria-disabled') === 'true') return;
      button.setAttribute('aria-disabled', 'true');
      try {
        var done = await action();
        if (typeof done === 'string') A.announce(done);
        A.pageAlert('');
      } catch (err) {
        A.pageAlert(err.message || String(err));
      } finally {
        button.removeAttribute('aria-disabled');
      }
    });
  };

  A.value = function (form, name) {
    var el = form.elements.namedItem(name);
    if (!el) return '';
    if (el.type === 'checkbox') return el.checked;
    return typeof el.value === 'string' ? el.value.trim() : '';
  };
  A.setValue = function (form, name, value) {
    var el = form.elements.namedItem(name);
    if (!el) return;
    if (el.type === 'checkbox') el.checked = !!value;
    else el.value = value === undefined || value === null ? '' : String(value);
  };

  /** Live Markdown preview of every textarea[data-preview] in root, rendered by the server (sanitised). */
  A.bindPreviews = function (root) {
    A.$$('textarea[data-preview]', root).forEach(function (area) {
      var out = document.getElementById(area.getAttribute('data-preview'));
      var timer = null;
      var seq = 0;
      var render = async function () {
        var mine = ++seq;
        if (!area.value.trim()) {
          out.textContent = '';
          return;
        }
        try {
          var res = await A.api('POST', '/api/v1/markdown/preview', { markdown: area.value });
          // the HTML comes from the server's Markdown renderer, which escapes raw HTML and unsafe URLs
          if (mine === seq) out.innerHTML = res.html;
        } catch (err) {
          if (mine === seq) out.textContent = 'Preview unavailable: ' + err.message;
        }
      };
      area.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(render, 250);
      });
      area.previewNow = render;
    });
  };

  /**
   * Shows Markdown (an incident update, a postmortem) in el as the public page will: the server renders it (raw HTML
   * escaped, unsafe links dropped); until then, and if that fails, el shows the text as it is.
   */
  A.showMarkdown = function (el, text) {
    el.textContent = text;
    if (!String(text || '').trim()) return;
    A.api('POST', '/api/v1/markdown/preview', { markdown: text }).then(
      function (res) {
        el.innerHTML = res.html;
        el.classList.add('markdown');
      },
      function () {},
    );
  };

  var componentsCache = null;
  A.components = function () {
    if (!componentsCache) componentsCache = A.api('GET', '/api/v1/components');
    return componentsCache;
  };

  /** One select per component; the first option ("not affected" / "unchanged") means: leave it out. */
  A.renderPickers = async function (fieldset, emptyLabel) {
    var box = A.$('.pickers', fieldset);
    var list = await A.components();
    var template = document.getElementById('status-options');
    A.clear(box);
    if (!list.length) box.appendChild(A.h('p', { text: 'No components yet.' }));
    list.forEach(function (c) {
      var id = 'pick-' + c.id;
      var select = A.h('select', { id: id, 'data-component': c.id }, A.h('option', { value: '', text: emptyLabel }));
      select.appendChild(template.content.cloneNode(true));
      box.appendChild(A.h('div', { class: 'field picker' }, A.h('label', { for: id, text: c.config.name }), select));
    });
  };
  A.pickedComponents = function (fieldset) {
    return A.$$('select[data-component]', fieldset)
      .filter(function (s) {
        return s.value;
      })
      .map(function (s) {
        return { id: s.getAttribute('data-component'), status: s.value };
      });
  };
})();
