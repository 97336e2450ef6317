// URLs of the app, in one place. The diagnose URL holds the whole path, so it is a live link.
// The reverse, a query string to a path, is in ./query-to-path: it needs the path's schema, which
// the browser's pages that only build links need not load.
import type { AccessPath } from '@/lib/model/path';

/** The path as flat strings, as it travels in a query string or a form. */
export interface PathQuery {
  kind: string;
  cluster: string;
  namespace: string;
  service: string;
  port: string;
  client: string;
  node: string;
  ingress: string;
  httproute: string;
  grpcroute: string;
  host: string;
  path: string;
  minutes: string;
  /** End of the incident window, `YYYY-MM-DDTHH:MM` in UTC; empty means now. */
  end: string;
  /** `1`: read the backend's recent logs (the log-stall check), where the server allows it. */
  logs?: string;
}

export function pathToQuery(p: AccessPath): Record<string, string> {
  const q: Record<string, string> = {
    kind: p.kind,
    namespace: p.namespace,
    minutes: String(p.window.minutes),
  };
  if (p.window.end) q.end = p.window.end;
  if (p.logs) q.logs = '1';
  if (p.trace) q.trace = '1';
  if (p.traceDebug) q.debug = '1';
  if (p.cluster) q.cluster = p.cluster;
  if (p.kind === 'ingress') Object.assign(q, { ingress: p.ingress, host: p.host, path: p.path });
  else if (p.kind === 'gateway') {
    if (p.grpcroute !== undefined) q.grpcroute = p.grpcroute;
    else q.httproute = p.httproute ?? '';
    Object.assign(q, { host: p.host, path: p.path });
  } else {
    q.service = p.service;
    if (p.port !== undefined) q.port = String(p.port);
    if (p.kind === 'clusterip' && p.client) q.client = `${p.client.namespace}/${p.client.pod}`;
    if (p.kind === 'nodeport' && p.node) q.node = p.node;
  }
  return q;
}

export function diagnoseHref(q: Partial<PathQuery> | Record<string, string>): string {
  const params = new URLSearchParams(
    Object.entries(q).filter(([, v]) => v !== undefined && v !== '') as [string, string][],
  );
  return `/diagnose?${params.toString()}`;
}
