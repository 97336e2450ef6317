// The link an alert opens: Alertmanager and Grafana templates fill /from-alert from the alert's
// labels (namespace, service, ingress, httproute, host, …) and its start time; this reads them
// into a path to diagnose, with a window that covers the alert from before it started. Pure.
import type { AccessKind } from './path';

export type AlertLabels = Partial<Record<string, string>>;

/** What the labels name, before an Ingress's or route's host is read when the alert lacks one. */
export interface AlertTarget {
  kind: AccessKind;
  cluster?: string;
  namespace: string;
  /** The Service, Ingress or route the path is named by. */
  name: string;
  routeKind?: 'httproute' | 'grpcroute';
  host?: string;
  path?: string;
  port?: string;
  window: { minutes: number };
}

/** Minutes of the window before the alert started: the change that broke it is in view. */
export const LEAD_MINUTES = 15;
const MAX_MINUTES = 7 * 24 * 60;

/**
 * An alert's start as templates print it: RFC 3339 (`2026-12-01T02:40:00Z`), or Go's time.Time
 * (`2026-12-01 02:40:00.123 +0000 UTC`, what `{{ .StartsAt }}` gives).
 */
export function parseAlertTime(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const go = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-])(\d{2})(\d{2})(?: \S+)?$/.exec(
    text.trim(),
  );
  // RFC 3339 needs its offset: a time without one would be read in the server's own zone.
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
  const iso = go
    ? `${go[1]}T${go[2]}${(go[3] ?? '').slice(0, 4)}${go[4]}${go[5]}:${go[6]}`
    : rfc3339.test(text.trim())
      ? text.trim()
      : '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/**
 * The first of these labels that is set. Without honorLabels a scrape renames a series' own
 * labels to exported_*, and the plain ones are the scrape target's (ingress-nginx's namespace,
 * its metrics Service): the exported ones come first.
 */
function label(labels: AlertLabels, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = labels[n]?.trim();
    if (v) return v;
  }
  return undefined;
}

export function alertTarget(
  labels: AlertLabels,
  now: Date,
): { ok: true; target: AlertTarget } | { ok: false; problem: string } {
  const namespace = label(labels, 'exported_namespace', 'namespace');
  const startsAt = parseAlertTime(labels.startsAt);
  const since = startsAt ? Math.ceil((now.getTime() - startsAt.getTime()) / 60_000) : 0;
  const window = {
    minutes: Math.min(MAX_MINUTES, Math.max(30, since + LEAD_MINUTES)),
  };
  const common = {
    cluster: label(labels, 'cluster'),
    host: label(labels, 'host'),
    path: label(labels, 'path'),
    window,
  };
  if (!namespace)
    return { ok: false, problem: 'the alert has no namespace label (nor exported_namespace)' };
  if (labels.startsAt && !startsAt)
    return { ok: false, problem: `startsAt "${labels.startsAt}" is not a time` };
  const ingress = label(labels, 'ingress', 'exported_ingress');
  if (ingress)
    return { ok: true, target: { kind: 'ingress', namespace, name: ingress, ...common } };
  const grpcroute = label(labels, 'grpcroute');
  const httproute = label(labels, 'httproute');
  if (httproute || grpcroute)
    return {
      ok: true,
      target: {
        kind: 'gateway',
        namespace,
        name: (httproute ?? grpcroute)!,
        routeKind: httproute ? 'httproute' : 'grpcroute',
        ...common,
      },
    };
  const service = label(labels, 'exported_service', 'service');
  if (service)
    return {
      ok: true,
      target: {
        kind: labels.kind === 'nodeport' ? 'nodeport' : 'clusterip',
        namespace,
        name: service,
        port: label(labels, 'port'),
        ...common,
      },
    };
  return {
    ok: false,
    problem: 'the alert names no service, ingress, httproute or grpcroute label',
  };
}

/** The diagnose link's query for a target whose host (when its kind needs one) is known. */
export function targetQuery(t: AlertTarget, host: string | undefined): Record<string, string> {
  const q: Record<string, string> = {
    kind: t.kind,
    namespace: t.namespace,
    minutes: String(t.window.minutes),
  };
  if (t.cluster) q.cluster = t.cluster;
  if (t.kind === 'ingress')
    Object.assign(q, { ingress: t.name, host: host ?? '', path: t.path ?? '/' });
  else if (t.kind === 'gateway')
    Object.assign(q, {
      [t.routeKind ?? 'httproute']: t.name,
      host: host ?? '',
      path: t.path ?? '/',
    });
  else {
    q.service = t.name;
    if (t.port) q.port = t.port;
  }
  return q;
}
