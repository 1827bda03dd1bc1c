import pino, { type Logger } from 'pino';
import { env } from './env';

const holder = globalThis as typeof globalThis & { __chronicleLogger?: Logger };

/** Structured JSON logs on stdout, one logger per process. */
export function logger(): Logger {
  holder.__chronicleLogger ??= pino({ level: env().LOG_LEVEL, base: { service: 'chronicle' } });
  return holder.__chronicleLogger;
}
