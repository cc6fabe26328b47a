/* Pharos status page enhancements: local times, live updates (uptime-bar days: pharos-bars.js).
   Plain browser JavaScript, no build step. The page works without it; this only adds. */
(function () {
  'use strict';

  var root = document.documentElement;
  var base = root.getAttribute('data-base') || '';
  // times in the page's language (the viewer's zone): the same words as the rest of the page
  var lang = root.getAttribute('lang') || undefined;
  var bars = window.PharosBars;

  // ---- (a) times in the viewer's zone -------------------------------------------------------------------
  var FORMATS = {
    '': { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
    t: { hour: '2-digit', minute: '2-digit' },
    md: { month: 'short', day: 'numeric' },
  };
  var formatters = {};
  function formatter(key) {
    if (!formatters[key]) formatters[key] = new Intl.DateTimeFormat(lang, FORMATS[key]);
    return formatters[key];
  }

  /** Rewrites <time datetime="…T…"> in local time; date-only values are UTC days and stay as they are. */
  function localizeTimes(scope) {
    var times = scope.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      var value = el.getAttribute('datetime');
      var key = el.getAttribute('data-f') || '';
      if (value.indexOf('T') < 0 || !FORMATS[key] || el.hasAttribute('data-local')) continue;
      var ms = Date.parse(value);
      if (isNaN(ms)) continue;
      el.title = el.textContent;
      el.textContent = formatter(key).format(ms);
      el.setAttribute('data-local', '');
    }
  }

  // ---- (b) live updates -----------------------------------------------------------------------------------------
  function currentEtag() {
    return root.getAttribute('data-etag') || '';
  }

  /** What the reader is doing in <main>, so that a swap keeps it: open <details>, chosen chart periods, focus. */
  function captureState(main) {
    var state = { details: {}, radios: [], focus: null };
    main.querySelectorAll('details[id]').forEach(function (d) {
      state.details[d.id] = d.open;
    });
    main.querySelectorAll('input[type=radio]:checked').forEach(function (r) {
      state.radios.push([r.name, r.className]);
    });
    var active = document.activeElement;
    if (active && main.contains(active)) {
      if (bars.isCell(active) && active.parentElement.id) {
        state.focus = {
          bar: active.parentElement.id,
          index: Array.prototype.indexOf.call(active.parentElement.children, active),
        };
      } else if (active.id) state.focus = { id: active.id };
    }
    return state;
  }

  function restoreState(main, state) {
    Object.keys(state.details).forEach(function (id) {
      var d = document.getElementById(id);
      if (d && d.tagName === 'DETAILS') d.open = state.details[id];
    });
    state.radios.forEach(function (pair) {
      var selector = 'input[type=radio][name="' + CSS.escape(pair[0]) + '"].' + CSS.escape(pair[1]);
      var radio = main.querySelector(selector);
      if (radio) radio.checked = true;
    });
    if (!state.focus) return;
    var target;
    if (state.focus.id) target = document.getElementById(state.focus.id);
    else {
      var bar = document.getElementById(state.focus.bar);
      target = bar && bar.children[state.focus.index];
      if (target) {
        Array.prototype.forEach.call(bar.children, function (c) {
          c.tabIndex = -1;
        });
        target.tabIndex = 0;
      }
    }
    if (target) target.focus({ preventScroll: true });
  }

  /** Replaces <main> with the fresh page's, keeping the live region node so that screen readers announce it. */
  function swap(doc) {
    var main = document.querySelector('main');
    var fresh = doc.querySelector('main');
    if (!main || !fresh) return false;
    var state = captureState(main);
    var hadTip = bars.open();
    bars.hideTip();
    var oldStatus = main.querySelector('[role=status]');
    var newStatus = fresh.querySelector('[role=status]');
    if (oldStatus && newStatus) {
      oldStatus.className = newStatus.className;
      oldStatus.setAttribute('data-indicator', newStatus.getAttribute('data-indicator') || '');
      oldStatus.replaceChildren.apply(oldStatus, Array.prototype.slice.call(newStatus.childNodes));
      newStatus.replaceWith(oldStatus);
    }
    main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes));
    if (doc.title) document.title = doc.title;
    enhance(main);
    restoreState(main, state);
    if (hadTip && bars.isCell(document.activeElement)) bars.showTip(document.activeElement);
    return true;
  }

  var loading = false;
  var wanted = null;

  function load() {
    return fetch(location.pathname + location.search, { cache: 'no-store', headers: { accept: 'text/html' } })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (text) {
        return new DOMParser().parseFromString(text, 'text/html');
      });
  }

  /** Fetches the page and swaps it in; `etag` is the stream's, or null to take the fetched page's own. */
  function refresh(etag) {
    if (loading) {
      wanted = etag;
      return;
    }
    loading = true;
    load()
      .then(function (doc) {
        var docEtag = doc.documentElement.getAttribute('data-etag');
        if (etag === null && docEtag === currentEtag()) return;
        if (swap(doc)) root.setAttribute('data-etag', etag === null ? docEtag || '' : etag);
      })
      .catch(function () {
        /* keep the page as it is; the next event or poll tries again */
      })
      .then(function () {
        loading = false;
        if (wanted !== null && wanted !== currentEtag()) {
          var next = wanted;
          wanted = null;
          refresh(next);
        }
      });
  }

  var retryMs = 1000;

  function connect() {
    var source = new window.EventSource(base + '/api/v2/stream');
    var failed = false;
    source.onmessage = function (e) {
      var data;
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      if (data && typeof data.etag === 'string' && data.etag !== currentEtag()) refresh(data.etag);
    };
    source.onopen = function () {
      retryMs = 1000;
      if (failed) refresh(null); // events may have been missed while disconnected
      failed = false;
    };
    source.onerror = function () {
      failed = true;
      // EventSource retries by itself unless it gave up (a non-200 or wrong content type): then back off and reconnect.
      // Without a live API (the static copy, its region down) the page itself is reloaded at each attempt: it is
      // republished on every change.
      if (source.readyState === window.EventSource.CLOSED) {
        setTimeout(function () {
          refresh(null);
          connect();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, 60000);
      }
    };
  }

  function enhance(scope) {
    localizeTimes(scope);
    bars.upgrade(scope);
  }

  function start() {
    enhance(document);
    if (typeof window.EventSource === 'function') connect();
    else
      setInterval(function () {
        refresh(null);
      }, 60000);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
