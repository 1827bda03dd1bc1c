/** Set by Chronicle's server (server.mjs) to the socket's address, replacing any a client sent. */
export const PEER_HEADER = 'x-chronicle-peer';

/**
 * The address a request came from. Behind `trustedProxies` proxies, each of which appends to
 * X-Forwarded-For, it is that many hops left of the peer; with none, the peer itself. Without
 * Chronicle's server (`next dev`), Next's X-Forwarded-For is the only source, and a client may
 * have written it.
 */
export function clientAddress(headers: Headers, trustedProxies: number): string | null {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const peer = headers.get(PEER_HEADER);
  if (peer === null) return forwarded.at(-1) ?? null;
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? null;
}
