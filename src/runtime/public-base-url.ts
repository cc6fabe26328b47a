import type { EventLinks } from '../notify/events/monitor-events.ts';

/**
 * Where people reach this Pharos: `server.base_url`, else http://localhost:<the port it listens on>. Links in
 * notifications and subscriber mails, the OIDC redirect URIs and the setup link all read it here. With port 0 (any
 * free port) the port is known only once the server listens, so the parts built before that read `href` when they
 * need it, not when they are made.
 */
export class PublicBaseUrl {
  #href: string | undefined;
  readonly https: boolean;

  constructor(configured: string | undefined, port: number) {
    if (configured !== undefined) this.#href = configured.replace(/\/$/, '');
    else if (port !== 0) this.#href = `http://localhost:${port}`;
    this.https = configured?.startsWith('https:') ?? false;
  }

  /** The server listens on `port`: the URL is complete (a configured base_url stays as it is). */
  listening(port: number): void {
    this.#href ??= `http://localhost:${port}`;
  }

  /** No trailing slash. */
  get href(): string {
    if (this.#href === undefined)
      throw new Error('the public base URL is known once the server listens (port 0 and no server.base_url)');
    return this.#href;
  }

  /** Links in messages, read when a message is made. */
  eventLinks(): EventLinks {
    const href = () => this.href;
    return {
      get pageUrl() {
        return href();
      },
      get adminUrl() {
        return `${href()}/admin`;
      },
    };
  }
}
