import { forbidden } from './errors';

export const roles = ['auditor', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Who is calling. Every core operation takes one, so access control lives in lib/, not in routes. */
export type Actor = { id: string; role: Role };

const rank: Record<Role, number> = { auditor: 1, operator: 2, admin: 3 };

export function can(actor: Actor, needed: Role): boolean {
  return rank[actor.role] >= rank[needed];
}

export function assertRole(actor: Actor, needed: Role): void {
  if (!can(actor, needed)) {
    throw forbidden(`This needs the ${needed} role; ${actor.id} has ${actor.role}`);
  }
}
