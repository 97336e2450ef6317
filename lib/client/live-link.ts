// URLs of the app, in one place. The diagnose URL holds the whole path, so it is a live link.
import { parseAccessPath, type AccessPath, type PathParseResult } from '@/lib/model/path';

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
  host: string;
  path: string;
  minutes: string;
  /** End of the incident window, `YYYY-MM-DDTHH:MM` in UTC; empty means now. */
  end: string;
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
  else {
    q.service = p.service;
    if (p.port !== undefined) q.port = String(p.port);
    if (p.kind === 'clusterip' && p.client) q.client = `${p.client.namespace}/${p.client.pod}`;
    if (p.kind === 'nodeport' && p.node) q.node = p.node;
  }
  return q;
}

/** `2026-11-23T10:42` (a datetime-local value, read as UTC) or a full ISO time. */
function endOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00Z` : text;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? text : new Date(t).toISOString();
}

export function queryToPath(
  q: Partial<Record<string, string | string[] | undefined>>,
): PathParseResult {
  const one = (k: string) => {
    const v = q[k];
    return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  };
  const port = one('port');
  const client = one('client');
  const [clientNs, clientPod] = client?.includes('/')
    ? client.split('/', 2)
    : [one('namespace'), client];
  return parseAccessPath({
    kind: one('kind'),
    cluster: one('cluster'),
    namespace: one('namespace'),
    service: one('service'),
    port: port === undefined ? undefined : /^\d+$/.test(port) ? Number(port) : port,
    client: clientPod ? { namespace: clientNs, pod: clientPod } : undefined,
    node: one('node'),
    ingress: one('ingress'),
    host: one('host'),
    path: one('path'),
    window: { minutes: Number(one('minutes') ?? 30), end: endOf(one('end')) },
    logs: one('logs') === '1' || one('logs') === 'true' ? true : undefined,
    trace: one('trace') === '1' || one('trace') === 'true' ? true : undefined,
    traceDebug: one('debug') === '1' || one('debug') === 'true' ? true : undefined,
  });
}

export function diagnoseHref(q: Partial<PathQuery> | Record<string, string>): string {
  const params = new URLSearchParams(
    Object.entries(q).filter(([, v]) => v !== undefined && v !== '') as [string, string][],
  );
  return `/diagnose?${params.toString()}`;
}
