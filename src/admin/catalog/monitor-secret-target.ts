import type { MonitorConfig } from '../../config/monitor-schema.ts';

/**
 * Where a monitor's secret goes (see SecretTarget): an HTTP monitor's headers to the very URL they were stored with
 * (another path of the same host may echo them back); its URL's password and query values to the URL's scheme, host
 * and port; a TCP or TLS monitor's to its host and port. A push token is never sent anywhere. The type is part of
 * every target: a changed type is a changed target.
 */
export function monitorSecretTarget(monitor: MonitorConfig, path: readonly string[]): string {
  switch (monitor.type) {
    case 'http': {
      const url = new URL(monitor.url);
      return path[0] === 'headers' ? `http ${url.href}` : `http ${url.protocol}//${url.host}`;
    }
    case 'tcp':
    case 'tls':
      return `${monitor.type} ${monitor.host.toLowerCase()}:${monitor.port}`;
    case 'dns':
      return `dns ${monitor.resolver ?? ''}`;
    case 'push':
      return 'push';
  }
}
