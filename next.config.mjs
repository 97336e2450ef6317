/** Headers on every answer: no sniffing, no referrer leaving the site with a path in it, and no
 * framing but for /embed/ (whose frame-ancestors proxy.ts sets from HOPSCOPE_EMBED_ORIGINS).
 * Pages also get the full Content-Security-Policy with a nonce from proxy.ts. */
const COMMON_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
];
const NO_FRAMING = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Kubernetes client stays a plain Node dependency of server code, never bundled; so does
  // prom-client, so that every route and scripts/serve.mjs (which serves /metrics) share one registry.
  serverExternalPackages: ['@kubernetes/client-node', 'prom-client'],
  poweredByHeader: false,
  experimental: {
    // proxy.ts runs before every route, so Next buffers request bodies for it: bound that copy
    // just above the API's own 64 KiB limit (which answers 413), not Next's default 10 MB.
    proxyClientMaxBodySize: '128kb',
  },
  typedRoutes: false,
  async headers() {
    return [
      { source: '/:path*', headers: COMMON_HEADERS },
      { source: '/:path((?!embed/).*)', headers: NO_FRAMING },
    ];
  },
};

// `next build` also writes .next/standalone: the server with only the node_modules files it traces,
// which scripts/standalone.sh assembles into the container image's app directory. Only the build
// sees `output: 'standalone'`: the repository's own `npm start` (scripts/serve.mjs on .next) would
// otherwise warn that `next start` cannot serve it. The standalone directory never loads this
// file — its entry hands Next the config the build serialized.
export default (/** @type {string} */ phase) =>
  phase === 'phase-production-build' ? { ...nextConfig, output: 'standalone' } : nextConfig;
