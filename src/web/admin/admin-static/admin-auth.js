/* Pharos admin: sign-in (with the two-factor step), first-run setup, one's own account. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  function next() {
    return A.safeNext(new URLSearchParams(location.search).get('next'));
  }

  A.pages.login = function () {
    var login = A.$('#login-form');
    var totp = A.$('#totp-form');
    A.bindForm(login, async function () {
      var res = await A.api(
        'POST',
        '/api/v1/auth/login',
        { email: A.value(login, 'email'), password: login.elements.namedItem('password').value },
        { noRedirect: true },
      );
      A.session.csrf = res.csrf_token;
      if (res.mfa_required) {
        login.hidden = true;
        totp.hidden = false;
        totp.elements.namedItem('code').focus();
        return 'Password accepted. Enter the code from your authenticator app.';
      }
      location.assign(next());
      return 'Signed in.';
    });
    A.bindForm(totp, async function () {
      await A.api('POST', '/api/v1/auth/login/totp', { code: A.value(totp, 'code') }, { noRedirect: true });
      location.assign(next());
      return 'Signed in.';
    });
    login.elements.namedItem('email').focus();
  };

  A.pages.setup = function () {
    var form = A.$('#setup-form');
    A.bindForm(form, async function () {
      var name = A.value(form, 'name');
      var body = {
        token: form.elements.namedItem('token').value,
        email: A.value(form, 'email'),
        password: form.elements.namedItem('password').value,
      };
      if (name) body.name = name;
      await A.api('POST', '/api/v1/setup', body, { noRedirect: true });
      location.assign('/admin');
      return 'Owner account created.';
    });
  };

  A.pages.account = function () {
    var user = A.session.user;
    var facts = A.$('#account-facts');
    [
      ['Name', user.name],
      ['Email', user.email],
      ['Role', user.role],
      ['Signed in by', user.sso ? 'single sign-on' : 'password'],
    ].forEach(function (f) {
      facts.appendChild(A.h('dt', { text: f[0] }));
      facts.appendChild(A.h('dd', { text: f[1] }));
    });

    var pw = A.$('#password-form');
    A.bindForm(pw, async function () {
      await A.api('POST', '/api/v1/auth/password', {
        current: pw.elements.namedItem('current').value,
        next: pw.elements.namedItem('next').value,
      });
      pw.reset();
      return 'Password changed. Your other sessions have ended.';
    });

    var state = A.$('#totp-state');
    var off = A.$('#totp-off');
    var enableForm = A.$('#totp-enable-form');
    var disableForm = A.$('#totp-disable-form');
    function show(enabled) {
      state.textContent = enabled ? 'Two-factor sign-in is on.' : 'Two-factor sign-in is off.';
      off.hidden = enabled;
      disableForm.hidden = !enabled;
    }
    show(user.totp_enabled);

    A.bindAction(A.$('#totp-start'), async function () {
      var res = await A.api('POST', '/api/v1/auth/totp/setup');
      A.$('#totp-secret').textContent = res.secret;
      var link = A.$('#totp-uri');
      link.textContent = res.uri;
      link.setAttribute('href', res.uri);
      enableForm.hidden = false;
      enableForm.elements.namedItem('code').focus();
      return 'New secret ready. Add it to your app and enter a code.';
    });
    A.bindForm(enableForm, async function () {
      var res = await A.api('POST', '/api/v1/auth/totp/enable', { code: A.value(enableForm, 'code') });
      var list = A.clear(A.$('#recovery-codes'));
      res.recovery_codes.forEach(function (c) {
        list.appendChild(A.h('li', {}, A.h('code', { text: c })));
      });
      enableForm.reset();
      enableForm.hidden = true;
      show(true);
      var box = A.$('#recovery');
      box.hidden = false;
      box.focus();
      return 'Two-factor sign-in is on. Save your recovery codes.';
    });
    A.bindForm(disableForm, async function () {
      await A.api('POST', '/api/v1/auth/totp/disable', { password: disableForm.elements.namedItem('password').value });
      disableForm.reset();
      A.$('#recovery').hidden = true;
      show(false);
      return 'Two-factor sign-in is off.';
    });
  };
})();
