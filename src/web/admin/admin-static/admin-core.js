/* Pharos admin: the API client, DOM building, announcements and formatting shared by every screen. */
(function () {
  'use strict';
  var A = (window.PharosAdmin = window.PharosAdmin || { pages: {} });
  A.session = { csrf: null, user: null };

  /** An error answer from /api/v1: { error, message, issues?: [{ path, message }] }. */
  function ApiError(status, body) {
    this.name = 'ApiError';
    this.status = status;
    this.code = (body && body.error) || 'http_' + status;
    this.message = (body && body.message) || 'The request failed (HTTP ' + status + ').';
    this.issues = (body && Array.isArray(body.issues) && body.issues) || [];
  }
  ApiError.prototype = Object.create(Error.prototype);
  A.ApiError = ApiError;

  A.loginUrl = function () {
    return '/admin/login?next=' + encodeURIComponent(location.pathname + location.search);
  };

  /**
   * Calls the admin API with the session cookie; writes carry the CSRF token. A 401 sends the person to the sign-in
   * page (unless opts.noRedirect). Resolves with the parsed JSON (or null for 204), rejects with an ApiError.
   */
  A.api = async function (method, path, body, opts) {
    var headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && A.session.csrf) headers['x-csrf-token'] = A.session.csrf;
    var res;
    try {
      res = await fetch(path, {
        method: method,
        headers: headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ApiError(0, { error: 'network', message: 'Pharos could not be reached (' + err.message + ').' });
    }
    if (res.status === 204) return null;
    var data = await res.json().catch(function () {
      return null;
    });
    if (res.ok) return data;
    if (res.status === 401 && !(opts && opts.noRedirect)) {
      location.assign(A.loginUrl());
    }
    throw new ApiError(res.status, data);
  };

  /** h('a', { href: '/x', class: 'y', text: 'z', on: { click: fn } }, child…): text is always textContent. */
  A.h = function (tag, attrs) {
    var el = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      var v = a[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'text') el.textContent = String(v);
      else if (k === 'on')
        Object.keys(v).forEach(function (ev) {
          el.addEventListener(ev, v[ev]);
        });
      else if (k === 'class') el.className = v;
      else if (k === 'dataset')
        Object.keys(v).forEach(function (d) {
          el.dataset[d] = v[d];
        });
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    });
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  };
  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child))
      child.forEach(function (c) {
        append(el, c);
      });
    else
      el.appendChild(
        typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
      );
  }

  A.$ = function (sel, root) {
    return (root || document).querySelector(sel);
  };
  A.$$ = function (sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  };
  A.clear = function (el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  };

  /** Polite announcement for screen readers (and a visible copy in the page alert when asked). */
  A.announce = function (text) {
    var region = document.getElementById('announcer');
    if (!region) return;
    region.textContent = '';
    setTimeout(function () {
      region.textContent = text;
    }, 30);
  };

  /** A page-level message (role=alert): an error that belongs to no form. */
  A.pageAlert = function (text, kind) {
    var box = document.getElementById('page-alert');
    if (!box) return;
    box.className = 'notice' + (kind ? ' ' + kind : ' error');
    box.textContent = text;
    box.hidden = !text;
  };

  A.fmtTime = function (ms) {
    if (ms === null || ms === undefined) return '—';
    var d = typeof ms === 'number' ? new Date(ms) : new Date(ms);
    return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  };
  A.timeEl = function (ms) {
    if (ms === null || ms === undefined) return document.createTextNode('—');
    var d = new Date(ms);
    return A.h('time', { datetime: d.toISOString(), text: A.fmtTime(d.getTime()) });
  };
  A.ago = function (ms) {
    if (!ms) return 'never';
    var s = Math.round((Date.now() - (typeof ms === 'string' ? Date.parse(ms) : ms)) / 1000);
    if (s < 5) return 'just now';
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.round(s / 60) + ' min ago';
    if (s < 86400) return Math.round(s / 3600) + ' h ago';
    return Math.round(s / 86400) + ' d ago';
  };
  A.label = function (word) {
    return String(word || '').replace(/_/g, ' ');
  };
  /** A status word as a badge: text plus a colour class (never colour alone). */
  A.badge = function (status) {
    return A.h('span', { class: 'badge st-' + String(status).replace(/[^a-z_]/g, ''), text: A.label(status) });
  };

  var PERMS = {
    owner: ['read', 'operate', 'configure', 'manage', 'own'],
    admin: ['read', 'operate', 'configure', 'manage'],
    editor: ['read', 'operate'],
    viewer: ['read'],
  };
  A.may = function (permission) {
    var role = A.session.user && A.session.user.role;
    return !!role && PERMS[role].indexOf(permission) !== -1;
  };

  /** The URL's own path inside /admin, for ?next= (never another origin). */
  A.safeNext = function (raw) {
    return typeof raw === 'string' && /^\/admin(\/[A-Za-z0-9_\-/]*)?(\?[^#]*)?$/.test(raw) && raw.indexOf('//') === -1
      ? raw
      : '/admin';
  };

  /** Confirmation before something destructive (a native dialog: keyboard and screen-reader friendly). */
  A.confirmAction = function (text) {
    return window.confirm(text);
  };
})();
