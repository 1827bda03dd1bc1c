/** How many chain checks the Integrity page lists (the server's first render and each re-read). */
export const RECENT_VERIFICATIONS = 10;
