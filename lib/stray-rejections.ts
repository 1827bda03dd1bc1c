import { isDatabaseUnavailable } from './database-unavailable';

/**
 * Keeps a long-running process (the worker) alive through a stray rejection: postgres.js reads
 * the server's array types on each new connection without awaiting that query, so when the
 * server ends the connection during it (a restart, a terminated backend), that query's rejection
 * reaches no one, and Node ends the process. The query that opened the connection is answered
 * with the same error, so nothing is lost by ignoring the stray one. It goes to `onStray`; any
 * other unhandled rejection still ends the process, as Node would.
 */
export function surviveStrayConnectionFailures(onStray: (reason: unknown) => void): void {
  process.on('unhandledRejection', (reason) => {
    if (!isDatabaseUnavailable(reason)) throw reason;
    onStray(reason);
  });
}
