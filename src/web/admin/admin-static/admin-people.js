/* Pharos admin: users (admins) and API tokens (the secret shown once, with a copy button). */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  A.pages.users = async function () {
    var body = A.$('#users tbody');
    var form = A.$('#user-form');
    var template = document.getElementById('role-options');

    function row(u) {
      var rid = 'role-' + u.id;
      var select = A.h('select', { id: rid });
      select.appendChild(template.content.cloneNode(true));
      select.value = u.role;
      var actions = A.h('td', { class: 'row-actions' });
      var save = A.h('button', {
        type: 'button',
        class: 'small',
        text: 'Change role',
        'aria-label': 'Change role of ' + u.email,
      });
      A.bindAction(save, async function () {
        await A.api('PATCH', '/api/v1/users/' + encodeURIComponent(u.id), { role: select.value });
        await load();
        return u.email + ' is now ' + select.value + '.';
      });
      actions.appendChild(save);
      if (u.locked_until) {
        var unlock = A.h('button', {
          type: 'button',
          class: 'small',
          text: 'Unlock',
          'aria-label': 'Unlock ' + u.email,
        });
        A.bindAction(unlock, async function () {
          await A.api('PATCH', '/api/v1/users/' + encodeURIComponent(u.id), { unlock: true });
          await load();
          return u.email + ' unlocked.';
        });
        actions.appendChild(unlock);
      }
      if (!A.session.user || A.session.user.id !== u.id) {
        var del = A.h('button', {
          type: 'button',
          class: 'small danger',
          text: 'Remove',
          'aria-label': 'Remove ' + u.email,
        });
        A.bindAction(del, async function () {
          if (!A.confirmAction('Remove ' + u.email + ' with their sessions and tokens?')) return;
          await A.api('DELETE', '/api/v1/users/' + encodeURIComponent(u.id));
          await load();
          return u.email + ' removed.';
        });
        actions.appendChild(del);
      }
      return A.h(
        'tr',
        {},
        A.h('td', { text: u.name }),
        A.h('td', { text: u.email }),
        A.h('td', {}, A.h('label', { for: rid, class: 'visually-hidden', text: 'Role of ' + u.email }), select),
        A.h('td', { text: u.totp_enabled ? 'on' : u.sso ? 'SSO' : 'off' }),
        A.h('td', {}, A.timeEl(u.last_login_at ? Date.parse(u.last_login_at) : null)),
        actions,
      );
    }
    async function load() {
      var list = await A.api('GET', '/api/v1/users');
      A.clear(body);
      list.forEach(function (u) {
        body.appendChild(row(u));
      });
    }
    A.bindForm(form, async function () {
      var input = { email: A.value(form, 'email'), role: A.value(form, 'role') };
      if (A.value(form, 'name')) input.name = A.value(form, 'name');
      if (form.elements.namedItem('password').value) input.password = form.elements.namedItem('password').value;
      var made = await A.api('POST', '/api/v1/users', input);
      form.reset();
      await load();
      return made.email + ' added as ' + made.role + '.';
    });
    try {
      await load();
    } catch (err) {
      A.pageAlert(err.message);
    }
  };

  A.pages.tokens = async function () {
    var body = A.$('#tokens tbody');
    var form = A.$('#token-form');
    var all = A.may('manage');

    async function load() {
      var list = await A.api('GET', '/api/v1/tokens' + (all ? '?all=true' : ''));
      A.clear(body);
      if (!list.length) body.appendChild(A.h('tr', {}, A.h('td', { colspan: 6, text: 'No tokens.' })));
      list.forEach(function (t) {
        var revoke = A.h('button', {
          type: 'button',
          class: 'small danger',
          text: 'Revoke',
          'aria-label': 'Revoke token ' + t.name,
        });
        A.bindAction(revoke, async function () {
          if (!A.confirmAction('Revoke the token "' + t.name + '"? Whatever uses it stops working.')) return;
          await A.api('DELETE', '/api/v1/tokens/' + encodeURIComponent(t.id));
          await load();
          A.$('#tokens-caption').focus();
          return 'Token "' + t.name + '" revoked.';
        });
        body.appendChild(
          A.h(
            'tr',
            {},
            A.h('td', { text: t.name }),
            A.h('td', {}, A.h('code', { text: t.prefix + '…' })),
            A.h('td', { text: t.scopes.join(', ') }),
            A.h('td', { text: t.expires_at ? A.fmtTime(Date.parse(t.expires_at)) : 'never' }),
            A.h('td', { text: t.last_used_at ? A.fmtTime(Date.parse(t.last_used_at)) : 'never' }),
            A.h('td', {}, revoke),
          ),
        );
      });
    }
    A.bindForm(form, async function () {
      var expires = A.value(form, 'expires_in');
      var made = await A.api('POST', '/api/v1/tokens', {
        name: A.value(form, 'name'),
        scopes: A.$$('input[name=scopes]:checked', form).map(function (c) {
          return c.value;
        }),
        expires_in: expires || null,
      });
      var box = A.$('#token-secret');
      A.$('#token-secret-value').textContent = made.token;
      box.hidden = false;
      box.focus();
      form.reset();
      await load();
      return 'Token created. Copy it now: it is shown only once.';
    });
    A.$('#token-copy').addEventListener('click', async function () {
      var text = A.$('#token-secret-value').textContent;
      try {
        await navigator.clipboard.writeText(text);
        A.announce('Token copied to the clipboard.');
      } catch {
        var range = document.createRange();
        range.selectNodeContents(A.$('#token-secret-value'));
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        A.announce('Copying is not allowed here: the token is selected, press Ctrl+C or Cmd+C.');
      }
    });
    try {
      await load();
    } catch (err) {
      A.pageAlert(err.message);
    }
  };
})();
