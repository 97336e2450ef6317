// Access paths the integration tests diagnose, named once.

/** The scenarios' ClusterIP path from the client pod shop/toolbox to shop/web:80. */
export const CLUSTERIP_FROM_TOOLBOX = {
  kind: 'clusterip' as const,
  namespace: 'shop',
  service: 'web',
  port: 80,
  client: { namespace: 'shop', pod: 'toolbox' },
  window: { minutes: 30 },
};
