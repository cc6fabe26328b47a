/* Pharos status page: uptime bars, one tab stop per bar, arrow keys between days, a tooltip with the details.
   Plain browser JavaScript, no build step; served in one file with pharos.js (src/web/assets/index.ts), which
   calls window.PharosBars. Words come from the page (data-i18n), in the page's language. */
window.PharosBars = (function () {
  'use strict';

  var root = document.documentElement;
  var base = root.getAttribute('data-base') || '';
  var lang = root.getAttribute('lang') || undefined;
  var english = !lang || /^en\b/.test(lang);

  /** The page's words (components section's data-i18n, src/web/pages/client-messages.ts); English if absent. */
  var ENGLISH = {
    states: {
      '': 'Operational',
      d: 'Degraded performance',
      p: 'Partial outage',
      m: 'Major outage',
      u: 'Under maintenance',
      n: 'No data',
    },
    noData: 'No data',
    uptime: '{p} uptime',
    percent: '{v} %',
    incident: 'Incident {id}',
    incidents: {},
  };

  function words() {
    var holder = document.querySelector('[data-i18n]');
    try {
      return (holder && JSON.parse(holder.getAttribute('data-i18n'))) || ENGLISH;
    } catch {
      return ENGLISH;
    }
  }

  function fill(template, name, value) {
    return template.split('{' + name + '}').join(value);
  }

  var percentFormat = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  /** "99,50 %" from data-u's "99.50", in the page's language. */
  function percentText(w, u) {
    return fill(w.percent, 'v', percentFormat.format(Number(u)));
  }

  function incidentsText(w, n) {
    return w.incidents[n] || String(n);
  }
  var DAY = 86400000;

  function nextDay(day) {
    return new Date(Date.parse(day + 'T00:00:00Z') + DAY).toISOString().slice(0, 10);
  }

  function cellInfo(cell) {
    var u = cell.getAttribute('data-u');
    var state = cell.className.replace(/\bon\b/, '').trim();
    var ids = (cell.getAttribute('data-i') || '').split(' ').filter(Boolean);
    var uptime = state === 'n' || u === '-' ? null : percentText(words(), u || '100.00');
    return { day: cell.getAttribute('data-d'), state: state, uptime: uptime, ids: ids };
  }

  var listFormat = new Intl.ListFormat(lang, { type: 'conjunction', style: 'narrow' });

  function cellLabel(info, w) {
    var parts = [info.uptime === null ? w.noData : fill(w.uptime, 'p', info.uptime)];
    // mid-sentence, English writes the state in lower case; other languages keep their own capitals (German nouns)
    if (info.state && info.state !== 'n')
      parts.push(english ? w.states[info.state].toLowerCase() : w.states[info.state]);
    if (info.ids.length > 0) parts.push(incidentsText(w, info.ids.length));
    return info.day + ': ' + listFormat.format(parts);
  }

  function upgradeBars(scope) {
    var w = words();
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
        cell.setAttribute('aria-label', cellLabel(cellInfo(cell), w));
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
    var w = words();
    var date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      Date.parse(info.day + 'T00:00:00Z'),
    );
    tip.replaceChildren(el('strong', '', date));
    tip.appendChild(el('div', '', info.uptime === null ? w.noData : fill(w.uptime, 'p', info.uptime)));
    if (info.state && info.state !== 'n') {
      var status = el('div', 'st s-' + info.state, w.states[info.state]);
      tip.appendChild(status);
    }
    if (info.ids.length > 0) {
      var list = el('ul');
      for (var i = 0; i < info.ids.length; i++) {
        var li = el('li');
        var a = el('a', '', names[info.ids[i]] || fill(w.incident, 'id', info.ids[i]));
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

  return {
    upgrade: upgradeBars,
    isCell: isCell,
    showTip: showTip,
    hideTip: hideTip,
    /** whether a day's tooltip is open */
    open: function () {
      return tipCell !== null;
    },
  };
})();
