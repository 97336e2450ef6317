// A path in words. Apart from the path's schema, so that a page which only names a path does not
// ship the schema library to the browser.
import { english, type MessageArg } from '@/lib/i18n/message';
import type { AccessPath } from './path';

/** A translator's call shape (`t` of lib/i18n/translate.ts); English when none is given. */
type Say = (text: string, ...args: MessageArg[]) => string;
const inEnglish: Say = (text, ...args) => english({ key: text, args });

/** The path in words, in the reader's language when given their `t` (names stay as they are). */
export function describePath(path: AccessPath, t: Say = inEnglish): string {
  switch (path.kind) {
    case 'clusterip': {
      const to = `ClusterIP ${path.namespace}/${path.service}${path.port ? `:${path.port}` : ''}`;
      return path.client
        ? t('{0} from {1}', to, `${path.client.namespace}/${path.client.pod}`)
        : to;
    }
    case 'nodeport': {
      const to = `NodePort ${path.namespace}/${path.service}${path.port ? `:${path.port}` : ''}`;
      return path.node ? t('{0} via {1}', to, path.node) : to;
    }
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
