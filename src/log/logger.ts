import { pino, destination as pinoDestination, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Paths that may hold credentials or secret values anywhere in a log record. Redaction happens here,
 * at the logger, so a careless call site cannot leak them; Secret values additionally serialise
 * as `(sensitive)` on their own.
 */
export const REDACTED_PATHS = [
  'token',
  'authorization',
  'password',
  'secret',
  'value',
  'values',
  'variables',
  '*.token',
  '*.authorization',
  '*.Authorization',
  '*.password',
  '*.secret',
  '*.value',
  '*.values',
  '*.variables',
  'headers.authorization',
  'headers["project-access-token"]',
  'req.headers.authorization',
  'body',
  '*.body',
];

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
}

/** Logs go to stderr so stdout stays clean for `--format json`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env['GITPLANE_LOG_LEVEL'] ?? 'warn';
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '(sensitive)' }, base: { app: 'gitplane' } },
    options.destination ?? pinoDestination(2),
  );
}

/** For tests and library use where nothing should be printed. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
