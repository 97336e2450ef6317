// A diagnose URL's query back to a path, validated by the path's schema.
import { parseAccessPath, type PathParseResult } from '@/lib/model/path';

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
    httproute: one('httproute'),
    grpcroute: one('grpcroute'),
    host: one('host'),
    path: one('path'),
    window: { minutes: Number(one('minutes') ?? 30), end: endOf(one('end')) },
    logs: one('logs') === '1' || one('logs') === 'true' ? true : undefined,
    trace: one('trace') === '1' || one('trace') === 'true' ? true : undefined,
    traceDebug: one('debug') === '1' || one('debug') === 'true' ? true : undefined,
  });
}
