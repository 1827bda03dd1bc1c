/** The fields of the new-token form, as its field errors name them. */
export type TokenField = 'name' | 'role' | 'expiresAt';

/** Lifetimes offered for a new token, in days; none means it lasts until revoked. */
export const EXPIRY_DAYS = [7, 30, 90, 365];

export const expiryLabel = (days: number) => (days === 365 ? '1 year' : `${days} days`);
