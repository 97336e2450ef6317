// A path in words. Apart from the path's schema, so that a page which only names a path does not
// ship the schema library to the browser.
import type { AccessPath } from './path';

export function describePath(path: AccessPath): string {
  switch (path.kind) {
    case 'clusterip':
      return `ClusterIP ${path.namespace}/${path.service}${path.port ? `:${path.port}` : ''}${path.client ? ` from ${path.client.namespace}/${path.client.pod}` : ''}`;
    case 'nodeport':
      return `NodePort ${path.namespace}/${path.service}${path.port ? `:${path.port}` : ''}${path.node ? ` via ${path.node}` : ''}`;
    case 'ingress':
      return `Ingress ${path.namespace}/${path.ingress} ${path.host}${path.path}`;
    case 'gateway': {
      const r = gatewayRouteOf(path);
      return `${r.kind} ${path.namespace}/${r.name} ${path.host}${path.path}`;
    }
  }
}

/** The route a gateway path is named by: its kind and name. */
export function gatewayRouteOf(path: { httproute?: string; grpcroute?: string }): {
  kind: 'HTTPRoute' | 'GRPCRoute';
  name: string;
} {
  return path.grpcroute !== undefined
    ? { kind: 'GRPCRoute', name: path.grpcroute }
    : { kind: 'HTTPRoute', name: path.httproute ?? '' };
}

/** The object the path is named by: its Service, Ingress or HTTPRoute. */
export function pathTarget(path: AccessPath): string {
  switch (path.kind) {
    case 'ingress':
      return path.ingress;
    case 'gateway':
      return gatewayRouteOf(path).name;
    default:
      return path.service;
  }
}
