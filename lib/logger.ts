import pino, { type Logger } from 'pino';
import { env } from './env';

const holder = globalThis as typeof globalThis & { __chronicleLogger?: Logger };

/** Fields that may hold a secret, should one ever be logged by mistake. */
const REDACT = [
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.authorization',
  '*.cookie',
];

/** Structured JSON logs on stdout, one logger per process. */
export function logger(): Logger {
  holder.__chronicleLogger ??= pino({
    level: env().LOG_LEVEL,
    base: { service: 'chronicle' },
    redact: { paths: REDACT, censor: '[redacted]' },
  });
  return holder.__chronicleLogger;
}
