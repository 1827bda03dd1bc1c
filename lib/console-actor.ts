import type { Actor } from './actor';

/**
 * The console's identity until accounts and roles land: the console is meant to be reached only
 * by the people running it (bind it to localhost or put it behind your proxy's login).
 */
export const consoleActor: Actor = { id: 'console', role: 'admin', via: 'system' };
