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
  }
}
