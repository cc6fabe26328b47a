/* Pharos admin: start-up. Who is signed in (and the CSRF token), the navigation by role, then the screen's script. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  async function boot() {
    var body = document.body;
    if (body.dataset.auth === 'required') {
      try {
        var me = await A.api('GET', '/api/v1/auth/me');
        A.session.user = me.user;
        A.session.csrf = me.csrf_token;
      } catch (err) {
        if (err.status !== 401) A.pageAlert('Could not load your session: ' + err.message);
        return;
      }
      A.$$('[data-needs]').forEach(function (el) {
        if (!A.may(el.getAttribute('data-needs'))) el.hidden = true;
      });
      var name = A.$('[data-me-name]');
      if (name) name.textContent = A.session.user.name + ' (' + A.session.user.role + ')';
      A.bindAction(A.$('[data-logout]'), async function () {
        await A.api('POST', '/api/v1/auth/logout');
        location.assign('/admin/login');
      });
    }
    var page = A.pages[body.dataset.page];
    if (!page) return;
    try {
      await page();
    } catch (err) {
      A.pageAlert(err.message || String(err));
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
