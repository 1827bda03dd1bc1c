import { forbidden } from './errors';

export const roles = ['auditor', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

/** How a caller proved who it is: a console session, an API token, the bootstrap token, or none (the server's own work). */
export type Via = 'session' | 'token' | 'bootstrap' | 'system';

/**
 * Who is calling. Every core operation takes one, so access control lives in lib/, not in
 * routes. `name` is what people read (an e-mail address, a token's name).
 */
export type Actor = { id: string; role: Role; via: Via; name?: string };

/** The server acting on its own: migrations, scheduled cleanup, the audit trail's mover, the demo seed. */
export const systemActor: Actor = { id: 'system', role: 'admin', via: 'system' };

/** How records name who did something: the person's or token's name, else how and who. */
export const actorLabel = (actor: Actor) => actor.name ?? `${actor.via}:${actor.id}`;

const rank: Record<Role, number> = { auditor: 1, operator: 2, admin: 3 };

export function can(actor: Actor, needed: Role): boolean {
  return rank[actor.role] >= rank[needed];
}

export function assertRole(actor: Actor, needed: Role): void {
  if (!can(actor, needed)) {
    throw forbidden(`This needs the ${needed} role; ${actor.name ?? actor.id} has ${actor.role}`);
  }
}
