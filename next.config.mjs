/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Kubernetes client stays a plain Node dependency of server code, never bundled.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
