// "What changed before it broke?": writes of the path's objects (who and when, from their
// managedFields), rollouts of its workload, node condition transitions and Warning events about
// its pods, within the incident window, newest first. Read from the snapshot the steps already
// gathered (one more LIST: the workload's ReplicaSets). Pure.
import type { Change } from '@/lib/model/diagnosis';
import type { HopKind } from '@/lib/model/hops';
import {
  gatheredValue,
  type Gathered,
  type ObjectWrite,
  type Snapshot,
} from '@/lib/model/snapshot';
import { metricWindow } from '@/lib/promql/window';
import { english, msg, words, type Message } from '@/lib/i18n/message';

/** The timeline's length, newest first: a namespace's hundreds of events stay off the page. */
export const MAX_CHANGES = 20;

function inWindow(time: string | undefined, start: number, end: number): time is string {
  if (!time) return false;
  const t = Date.parse(time) / 1000;
  return t >= start && t <= end;
}

function writeText(w: ObjectWrite): Message {
  const fields =
    w.fields.length > 0
      ? ` (${w.fields.slice(0, 3).join(', ')}${w.fields.length > 3 ? ', …' : ''})`
      : '';
  return w.operation === 'Apply'
    ? msg`applied by ${w.manager}${fields}`
    : msg`written by ${w.manager}${fields}`;
}

function change(c: Omit<Change, 'text' | 'message'>, message: Message): Change {
  return { ...c, text: english(message), message };
}

/**
 * What the timeline could not look at: a source that was not read has no changes to list, and
 * "nothing changed" must not be said of it.
 */
export function changesUnread(s: Snapshot): Message[] {
  const b = s.backend;
  const sources: [Message, Gathered<unknown> | undefined][] = [
    [words('the Service'), b?.service],
    [words('its EndpointSlices'), b?.endpointSlices],
    [words('its NetworkPolicies'), b?.networkPolicies],
    [words('its ReplicaSets'), b?.replicaSets],
    [words('Warning events'), b?.events],
    [words('the Ingress'), s.ingress?.ingress],
    [words('CoreDNS'), s.dns],
    [words('kube-proxy'), s.kubeProxy],
    ...Object.entries(s.nodes).map(([name, g]): [Message, Gathered<unknown>] => [
      msg`node ${name}`,
      g,
    ]),
  ];
  return sources.filter(([, g]) => g !== undefined && 'issue' in g).map(([what]) => what);
}

export function whatChanged(s: Snapshot, now: Date): Change[] {
  const { start, end } = metricWindow(s.path, now);
  const out: Change[] = [];
  const writes = (hop: HopKind, object: string, list: ObjectWrite[] | undefined) => {
    for (const w of list ?? [])
      if (inWindow(w.time, start, end))
        out.push(change({ time: w.time, kind: 'write', hop, object }, writeText(w)));
  };
  const backend = s.backend;
  const svc = gatheredValue(backend?.service);
  if (svc) writes('service', `Service ${svc.namespace}/${svc.name}`, svc.writes);
  const ns = svc?.namespace ?? s.path.namespace;
  // The EndpointSlice controller rewrites slices on every pod change: its writes are the
  // endpoints' own churn, not edits. Slices someone else writes (no selector, a mesh) are.
  for (const slice of gatheredValue(backend?.endpointSlices) ?? [])
    writes(
      'endpoints',
      `EndpointSlice ${ns}/${slice.name}`,
      slice.writes?.filter((w) => w.manager !== 'kube-controller-manager'),
    );
  for (const np of gatheredValue(backend?.networkPolicies) ?? [])
    writes('pods', `NetworkPolicy ${np.namespace}/${np.name}`, np.writes);
  for (const rs of gatheredValue(backend?.replicaSets) ?? [])
    for (const w of rs.writes)
      if (inWindow(w.time, start, end))
        out.push(
          change(
            { time: w.time, kind: 'rollout', hop: 'pods', object: `ReplicaSet ${ns}/${rs.name}` },
            rs.revision
              ? rs.replicas === 1
                ? msg`revision ${rs.revision}, 1 replica: ${writeText(w)}`
                : msg`revision ${rs.revision}, ${rs.replicas} replicas: ${writeText(w)}`
              : rs.replicas === 1
                ? msg`1 replica: ${writeText(w)}`
                : msg`${rs.replicas} replicas: ${writeText(w)}`,
          ),
        );
  const ing = gatheredValue(s.ingress?.ingress);
  if (ing) writes('ingress-controller', `Ingress ${ing.namespace}/${ing.name}`, ing.writes);
  const dns = gatheredValue(s.dns);
  if (dns?.service) writes('dns-cluster', 'Service kube-system/kube-dns', dns.service.writes);
  writes('dns-cluster', 'ConfigMap kube-system/coredns', dns?.corefileWrites);
  const proxy = gatheredValue(s.kubeProxy);
  writes('kube-proxy', 'DaemonSet kube-system/kube-proxy', proxy?.daemonSetWrites);
  writes('kube-proxy', 'ConfigMap kube-system/kube-proxy', proxy?.configWrites);
  for (const [name, g] of Object.entries(s.nodes)) {
    const node = gatheredValue(g);
    for (const c of node?.conditions ?? [])
      if (inWindow(c.lastTransitionTime, start, end))
        out.push(
          change(
            { time: c.lastTransitionTime, kind: 'node', hop: 'node', object: `Node ${name}` },
            msg`${c.type} became ${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message.slice(0, 120)}` : ''})` : ''}`,
          ),
        );
  }
  for (const ev of gatheredValue(backend?.events) ?? [])
    if (ev.type === 'Warning' && inWindow(ev.lastTimestamp, start, end))
      out.push(
        change(
          {
            time: ev.lastTimestamp,
            kind: 'event',
            hop: 'pods',
            object: ev.involvedObject.replace(/^Pod\//, 'Pod '),
          },
          msg`Warning ${ev.reason}${ev.count > 1 ? ` ×${ev.count}` : ''}: ${ev.message.slice(0, 160)}`,
        ),
      );
  return out.sort((a, b) => Date.parse(b.time) - Date.parse(a.time)).slice(0, MAX_CHANGES);
}
