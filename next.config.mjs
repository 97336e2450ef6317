/** Headers on every answer: no sniffing, no referrer leaving the site with a path in it, and no
 * framing (the embed routes of the share work will open that up for themselves). Pages also get
 * the full Content-Security-Policy with a nonce from proxy.ts. */
const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Kubernetes client stays a plain Node dependency of server code, never bundled.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
