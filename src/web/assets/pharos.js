/* Pharos status page enhancements: local times, live updates, uptime-bar day details.
   Plain browser JavaScript, no build step. The page works without it; this only adds. */
(function () {
  'use strict';

  var root = document.documentElement;
  var base = root.getAttribute('data-base') || '';

  // ---- (a) times in the viewer's zone -------------------------------------------------------------------
  var FORMATS = {
    '': { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
    t: { hour: '2-digit', minute: '2-digit' },
    md: { month: 'short', day: 'numeric' },
  };
  var formatters = {};
  function formatter(key) {
    if (!formatters[key]) formatters[key] = new Intl.DateTimeFormat(undefined, FORMATS[key]);
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

  // ---- (c) uptime bars: one tab stop per bar, arrow keys between days, a tooltip with the details -------------
  var STATES = {
    '': 'Operational',
    d: 'Degraded performance',
    p: 'Partial outage',
    m: 'Major outage',
    u: 'Under maintenance',
    n: 'No data',
  };
  var DAY = 86400000;

  function nextDay(day) {
    return new Date(Date.parse(day + 'T00:00:00Z') + DAY).toISOString().slice(0, 10);
  }

  function cellInfo(cell) {
    var u = cell.getAttribute('data-u');
    var state = cell.className.replace(/\bon\b/, '').trim();
    var ids = (cell.getAttribute('data-i') || '').split(' ').filter(Boolean);
    var uptime = state === 'n' || u === '-' ? null : (u || '100') + ' %';
    return { day: cell.getAttribute('data-d'), state: state, uptime: uptime, ids: ids };
  }

  function cellLabel(info) {
    var text = info.day + ': ' + (info.uptime === null ? 'no data' : info.uptime + ' uptime');
    if (info.state && info.state !== 'n') text += ', ' + STATES[info.state].toLowerCase();
    if (info.ids.length > 0) text += ', ' + info.ids.length + (info.ids.length === 1 ? ' incident' : ' incidents');
    return text;
  }

  function upgradeBars(scope) {
    var bars = scope.querySelectorAll('.bar');
    for (var b = 0; b < bars.length; b++) {
      var bar = bars[b];
      var cells = bar.children;
      var day = bar.getAttribute('data-s');
      bar.setAttribute('role', 'group');
      for (var i = 0; i < cells.length; i++) {
        var cell = cells[i];
        if (cell.hasAttribute('data-d')) day = cell.getAttribute('data-d');
        else cell.setAttribute('data-d', day);
        cell.setAttribute('role', 'button');
        cell.setAttribute('aria-label', cellLabel(cellInfo(cell)));
        cell.tabIndex = i === cells.length - 1 ? 0 : -1;
        day = nextDay(day);
      }
    }
  }

  var tip = null;
  var tipCell = null;
  var hideTimer = 0;
  var quiet = false; // focus returning to a day after Escape must not reopen its tooltip

  function incidentNames() {
    var el = document.getElementById('incident-names');
    try {
      return el ? JSON.parse(el.textContent) : {};
    } catch {
      return {};
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /** The tooltip lives in <main> (inside a landmark); a live update drops it with the old content. */
  function ensureTip() {
    if (tip && tip.isConnected) return tip;
    tip = el('div', 'tip');
    tip.id = 'pharos-tip';
    tip.setAttribute('role', 'tooltip');
    tip.hidden = true;
    tip.addEventListener('mouseenter', function () {
      clearTimeout(hideTimer);
    });
    tip.addEventListener('mouseleave', scheduleHide);
    tip.addEventListener('focusout', function (e) {
      if (!tip.contains(e.relatedTarget) && e.relatedTarget !== tipCell) scheduleHide();
    });
    (document.querySelector('main') || document.body).appendChild(tip);
    return tip;
  }

  function fillTip(info) {
    var names = incidentNames();
    var date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      Date.parse(info.day + 'T00:00:00Z'),
    );
    tip.replaceChildren(el('strong', '', date));
    tip.appendChild(el('div', '', info.uptime === null ? 'No data' : info.uptime + ' uptime'));
    if (info.state && info.state !== 'n') {
      var status = el('div', 'st s-' + info.state, STATES[info.state]);
      tip.appendChild(status);
    }
    if (info.ids.length > 0) {
      var list = el('ul');
      for (var i = 0; i < info.ids.length; i++) {
        var li = el('li');
        var a = el('a', '', names[info.ids[i]] || 'Incident ' + info.ids[i]);
        a.href = base + '/incidents/' + encodeURIComponent(info.ids[i]);
        li.appendChild(a);
        list.appendChild(li);
      }
      tip.appendChild(list);
    }
  }

  function placeTip(cell) {
    var r = cell.getBoundingClientRect();
    var w = tip.offsetWidth;
    var h = tip.offsetHeight;
    var left = Math.min(Math.max(8, r.left + r.width / 2 - w / 2), document.documentElement.clientWidth - w - 8);
    var top = r.bottom + 8 + h > window.innerHeight && r.top - 8 - h > 0 ? r.top - 8 - h : r.bottom + 8;
    tip.style.left = Math.round(left + window.scrollX) + 'px';
    tip.style.top = Math.round(top + window.scrollY) + 'px';
  }

  function showTip(cell) {
    clearTimeout(hideTimer);
    ensureTip();
    if (tipCell && tipCell !== cell) tipCell.classList.remove('on');
    tipCell = cell;
    cell.classList.add('on');
    cell.setAttribute('aria-describedby', 'pharos-tip');
    fillTip(cellInfo(cell));
    tip.hidden = false;
    placeTip(cell);
  }

  function hideTip() {
    clearTimeout(hideTimer);
    if (tip) tip.hidden = true;
    if (tipCell) {
      tipCell.classList.remove('on');
      tipCell.removeAttribute('aria-describedby');
    }
    tipCell = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideTip, 150);
  }

  function isCell(node) {
    return node && node.tagName === 'I' && node.parentElement && node.parentElement.classList.contains('bar');
  }

  function visibleCells(bar) {
    return Array.prototype.filter.call(bar.children, function (c) {
      return c.getClientRects().length > 0;
    });
  }

  function moveFocus(cell, target) {
    if (!target || target === cell) return;
    cell.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  }

  document.addEventListener('mouseover', function (e) {
    if (isCell(e.target)) showTip(e.target);
  });
  document.addEventListener('mouseout', function (e) {
    if (isCell(e.target)) scheduleHide();
  });
  document.addEventListener('focusin', function (e) {
    if (isCell(e.target) && !quiet) showTip(e.target);
  });
  document.addEventListener('focusout', function (e) {
    if (isCell(e.target) && !(tip && tip.contains(e.relatedTarget))) scheduleHide();
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && tip && !tip.hidden) {
      var back = tip.contains(document.activeElement) ? tipCell : null;
      hideTip();
      quiet = true;
      if (back) back.focus();
      quiet = false;
      return;
    }
    var cell = e.target;
    if (!isCell(cell)) return;
    var cells = visibleCells(cell.parentElement);
    var at = cells.indexOf(cell);
    var moves = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: cells.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      moveFocus(cell, cells[moves[e.key]]);
    } else if ((e.key === 'Enter' || e.key === ' ') && tip && !tip.hidden) {
      e.preventDefault();
      var link = tip.querySelector('a');
      if (link) link.focus();
    }
  });
  window.addEventListener('resize', function () {
    if (tipCell) placeTip(tipCell);
  });

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
      if (isCell(active) && active.parentElement.id) {
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
    var hadTip = tipCell !== null;
    hideTip();
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
    if (hadTip && isCell(document.activeElement)) showTip(document.activeElement);
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
      if (source.readyState === window.EventSource.CLOSED) {
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 60000);
      }
    };
  }

  function enhance(scope) {
    localizeTimes(scope);
    upgradeBars(scope);
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
