/* Pharos admin: problems the operator should act on (mail not getting through), shown where a page has #admin-notices. */
(function () {
  'use strict';
  var A = window.PharosAdmin;

  A.loadNotices = async function () {
    var box = document.getElementById('admin-notices');
    if (!box) return;
    try {
      var notices = await A.api('GET', '/api/v1/notices');
      A.clear(box);
      notices.forEach(function (n) {
        box.appendChild(
          A.h(
            'div',
            { class: 'notice error', dataset: { notice: n.kind } },
            A.h(
              'p',
              {},
              A.h('strong', { text: 'Mail is not getting through. ' }),
              n.message.replace(/^Mail is not getting through[^:]*: /, ''),
            ),
            A.h(
              'p',
              {},
              'Check the SMTP settings (host, port, starttls, user) in the config file, then retry the ',
              A.h('a', { href: '/admin/deliveries', text: 'failed deliveries' }),
              '.',
            ),
          ),
        );
      });
      box.hidden = !notices.length;
    } catch (err) {
      A.pageAlert('Could not load notices: ' + err.message);
    }
  };
})();
