import { describeEvent } from '../message/describe-event.ts';
import type { Notifier } from '../notifier.ts';
import { renderEmail } from './render-email.ts';
import { emailFields, emailFieldTexts } from './schema.ts';
import { messageIdFor, sendMail } from './send-mail.ts';

export { emailFields, smtpFields, mailbox, type EmailFields, type SmtpConfig, type Mailbox } from './schema.ts';
export { renderEmail, type RenderedEmail } from './render-email.ts';
export { sendMail, smtpFailure, messageIdFor, type OutgoingMail } from './send-mail.ts';
export { closeEmailTransports } from './smtp-transports.ts';

/**
 * Mail to the channel's list. The Message-ID comes from the idempotency key, so a retry after a lost "250 OK" is the
 * same message to every mail system that de-duplicates on it.
 */
export const emailNotifier: Notifier<'email', typeof emailFields> = {
  type: 'email',
  fields: emailFields,
  fieldTexts: emailFieldTexts,
  secretFields: ['smtp.pass'],
  // the server, and how the password travels to it: a downgrade to clear text or to any certificate is a new target
  secretTarget: ({ smtp }) =>
    `smtp://${smtp.host.toLowerCase()}:${smtp.port} secure=${smtp.secure} starttls=${smtp.starttls} verify=${smtp.tls_reject_unauthorized}`,
  template: {
    to: ['oncall@example.com'],
    from: { name: 'Pharos', address: 'status@example.com' },
    smtp: { host: 'smtp.example.com', port: 587, starttls: 'required', user: 'pharos', pass: 'change me' },
  },
  send(event, config, ctx) {
    const { subject, text, html } = renderEmail(describeEvent(event), event.pageUrl);
    return sendMail(
      config.smtp,
      {
        from: config.from,
        to: config.to,
        ...(config.cc ? { cc: config.cc } : {}),
        subject,
        text,
        html,
        messageId: messageIdFor(ctx.idempotencyKey),
        headers: { 'X-Pharos-Event': event.type, 'X-Pharos-Event-Id': event.id },
      },
      ctx.egress,
      ctx.signal,
    );
  },
};
