import { serverSecretMissing } from '../config/server-secret-rule.ts';
import { createLogger } from '../runtime/logger.ts';
import { isRole, ROLES } from '../runtime/roles.ts';
import { startPharos } from '../runtime/start-pharos.ts';
import { startWhenStoreAnswers } from '../runtime/start-when-store-answers.ts';
import type { CliArgs } from './cli-args.ts';
import { loadConfigOrReport } from './load-config-or-report.ts';

export async function runStart(args: CliArgs): Promise<number> {
  const role = args.options.role ?? 'all';
  if (!isRole(role)) {
    console.error(`pharos start: --role must be one of ${ROLES.join(', ')}, got "${role}"`);
    return 2;
  }
  const config = await loadConfigOrReport(args.config);
  if (!config) return 1;
  const secretMissing = serverSecretMissing(config, role);
  if (secretMissing) {
    console.error(`pharos start: ${secretMissing}`);
    return 1;
  }
  const logger = createLogger(process.env.PHAROS_LOG_LEVEL ?? config.logging.level);
  const waiting = new AbortController();
  const stopWaiting = () => waiting.abort();
  process.once('SIGTERM', stopWaiting);
  process.once('SIGINT', stopWaiting);
  const port = args.port ?? config.server.port;
  const pharos = await startWhenStoreAnswers(() => startPharos({ config, port: args.port, logger, role }), {
    logger,
    signal: waiting.signal,
  }).catch((err: unknown) => {
    if (!isAddressInUse(err)) throw err;
    console.error(
      `pharos start: port ${port} on ${config.server.host} is already in use (another Pharos?): stop it, or choose another with --port N or server.port`,
    );
    return null;
  });
  process.off('SIGTERM', stopWaiting);
  process.off('SIGINT', stopWaiting);
  if (pharos === null) return 1;
  if (!pharos) {
    logger.info({ component: 'pharos' }, 'stopped while waiting for the database');
    return 0;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ component: 'pharos', signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ component: 'pharos', signal, graceMs: config.server.shutdown_grace }, 'shutting down');
    pharos.shutdown({ graceMs: config.server.shutdown_grace }).then(
      (outcome) => {
        if (outcome.completed && outcome.failed.length === 0) logger.info({ component: 'pharos' }, 'shut down');
        process.exit(outcome.completed && outcome.failed.length === 0 ? 0 : 1);
      },
      (err: unknown) => {
        logger.error({ component: 'pharos', err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return 0;
}

function isAddressInUse(err: unknown): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
}
