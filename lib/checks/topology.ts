// The path topology: which hops the path has, in order, who the members of each hop are, and
// the verdict of each hop judged as the path sees it (DESIGN.md, "Verdicts and evidence").
import type { HopResult, MemberResult } from '@/lib/model/diagnosis';
import type { Finding } from '@/lib/model/finding';
import { HOP_LABELS, type HopKind } from '@/lib/model/hops';
import { gatheredValue, isGathered, type Snapshot } from '@/lib/model/snapshot';
import { routeKind } from '@/lib/model/gateway';
import { gatewayRouteOf } from '@/lib/model/path-text';
import { severityVerdict, worst, type Verdict } from '@/lib/model/verdict';
import {
  backendNamespace,
  backendPods,
  backendService,
  ingressBackendPort,
  nodeHostsOf,
  pathServicePorts,
  pathSlices,
  readyEndpointIps,
  readyEndpointNodes,
} from './read-snapshot';
import { english, msg, words, type Message } from '@/lib/i18n/message';

interface HopPlan {
  kind: HopKind;
  detail: Message;
  members: { id: string; carriesTraffic: boolean }[];
  /** Null when the hop was looked at; otherwise why it could not be (→ unknown when nothing is found). */
  unexamined: Message | null;
  skipped?: Message;
  /** The hop's name when it is not its kind's (a gateway path's route may be a GRPCRoute). */
  label?: string;
}

const HOP_ORDER: Record<Snapshot['path']['kind'], HopKind[]> = {
  clusterip: ['client', 'dns-cluster', 'service', 'kube-proxy', 'endpoints', 'pods', 'node'],
  nodeport: ['load-balancer', 'node', 'kube-proxy', 'service', 'endpoints', 'pods'],
  ingress: [
    'dns-external',
    'load-balancer',
    'ingress-controller',
    'service',
    'kube-proxy',
    'endpoints',
    'pods',
    'node',
  ],
  // The Gateway's data plane sends to the endpoints itself (Envoy Gateway, Istio, Cilium, NGINX
  // Gateway Fabric, Kong all do): kube-proxy is not on this path.
  gateway: ['dns-external', 'gateway', 'httproute', 'service', 'endpoints', 'pods', 'node'],
};

export function hopOrder(s: Snapshot): HopKind[] {
  const order = HOP_ORDER[s.path.kind];
  return s.path.kind === 'clusterip' && !s.path.client
    ? order.filter((h) => h !== 'client')
    : order;
}

function plan(kind: HopKind, s: Snapshot): HopPlan {
  const svc = backendService(s);
  const noBackend =
    s.backend === null
      ? s.path.kind === 'gateway'
        ? msg`not reached: no rule of the HTTPRoute leads to a Service`
        : msg`not reached: no Ingress rule leads to a Service`
      : null;
  const hosts = nodeHostsOf(s);
  switch (kind) {
    case 'client': {
      const c = gatheredValue(s.client);
      return {
        kind,
        detail: c
          ? c.nodeName
            ? msg`pod ${c.namespace}/${c.name} on ${c.nodeName}`
            : msg`pod ${c.namespace}/${c.name}`
          : msg`client pod`,
        members: [],
        unexamined: !(s.client && isGathered(s.client))
          ? msg`the client pod could not be read`
          : c && !s.clientNetworkPolicies
            ? msg`the client's NetworkPolicies were not read`
            : null,
      };
    }
    case 'dns-cluster': {
      const dns = gatheredValue(s.dns);
      const ready = new Set(
        dns?.endpointSlices.flatMap((sl) =>
          sl.endpoints.filter((e) => e.ready).flatMap((e) => e.addresses),
        ) ?? [],
      );
      return {
        kind,
        detail: dns?.service
          ? msg`${`kube-dns ${dns.service.clusterIP ?? ''}`.trim()}`
          : msg`cluster DNS`,
        members: (dns?.pods ?? []).map((p) => ({
          id: p.name,
          carriesTraffic: Boolean(p.podIP && ready.has(p.podIP)),
        })),
        unexamined: dns ? null : msg`cluster DNS could not be read`,
      };
    }
    case 'dns-external':
      return {
        kind,
        detail:
          s.path.kind === 'ingress' || s.path.kind === 'gateway'
            ? msg`${s.path.host}`
            : msg`external DNS`,
        members: [],
        unexamined: msg`the external name was not resolved: that needs the active path trace`,
      };
    case 'load-balancer': {
      const lbSvc = s.path.kind === 'ingress' ? gatheredValue(s.ingress?.controllerService) : svc;
      if (lbSvc === undefined)
        return {
          kind,
          detail: msg`load balancer`,
          members: [],
          unexamined: msg`the Service in front could not be read`,
        };
      if (!lbSvc || lbSvc.type !== 'LoadBalancer')
        return {
          kind,
          detail: msg`no load balancer`,
          members: [],
          unexamined: null,
          skipped: lbSvc
            ? msg`not on this path: Service ${lbSvc.namespace}/${lbSvc.name} is of type ${lbSvc.type}`
            : msg`not on this path: no Service in front`,
        };
      const addr = lbSvc.loadBalancerIngress
        .map((i) => i.ip ?? i.hostname)
        .filter(Boolean)
        .join(', ');
      return {
        kind,
        detail: addr ? msg`${addr}` : msg`no address`,
        members: [],
        unexamined: addr
          ? null
          : msg`Service ${lbSvc.namespace}/${lbSvc.name} has no load balancer address yet`,
      };
    }
    case 'ingress-controller': {
      const pods = gatheredValue(s.ingress?.controllerPods) ?? [];
      const seen =
        s.ingress && isGathered(s.ingress.ingress) && isGathered(s.ingress.controllerPods);
      return {
        kind,
        detail: pods.length === 1 ? msg`1 controller pod` : msg`${pods.length} controller pods`,
        members: pods.map((p) => ({ id: p.name, carriesTraffic: p.ready })),
        unexamined: seen ? null : msg`the Ingress or its controller could not be read`,
      };
    }
    case 'gateway': {
      const parents = s.gateway?.parents ?? [];
      const gateways = parents.flatMap((p) => {
        const g = gatheredValue(p.gateway);
        return g ? [g] : [];
      });
      const unread = parents.find((p) => !isGathered(p.gateway) || !isGathered(p.gatewayClass));
      return {
        kind,
        detail: gateways.length
          ? msg`${gateways
              .map(
                (g) => `${g.namespace}/${g.name}${g.addresses.length ? ` ${g.addresses[0]}` : ''}`,
              )
              .join(', ')}`
          : msg`Gateway`,
        // Its data-plane pods carry the traffic: a member each, as an ingress controller's pods.
        members: [
          ...new Map(
            parents
              .flatMap((p) => (p.dataPlanePods ? (gatheredValue(p.dataPlanePods) ?? []) : []))
              .map((p) => [`${p.namespace}/${p.name}`, { id: p.name, carriesTraffic: p.ready }]),
          ).values(),
        ],
        unexamined:
          !s.gateway || !isGathered(s.gateway.route)
            ? msg`the route could not be read`
            : unread
              ? msg`Gateway ${unread.ref.namespace}/${unread.ref.name} or its class could not be read`
              : parents.length === 0
                ? msg`the route names no Gateway`
                : null,
      };
    }
    case 'httproute': {
      const route = gatheredValue(s.gateway?.route);
      const named = route
        ? routeKind(route)
        : gatewayRouteOf(s.path.kind === 'gateway' ? s.path : {}).kind;
      return {
        kind,
        label: named,
        detail: route ? msg`${named} ${route.namespace}/${route.name}` : msg`${named}`,
        members: [],
        unexamined: route ? null : msg`the route could not be read`,
      };
    }
    case 'service':
      return {
        kind,
        detail: svc
          ? msg`Service ${svc.namespace}/${svc.name}${svc.clusterIP ? ` ${svc.clusterIP}` : ''}`
          : msg`Service ${backendNamespace(s)}/${s.backendServiceName ?? '?'}`,
        members: [],
        unexamined:
          noBackend ??
          (s.backend && isGathered(s.backend.service) ? null : msg`the Service could not be read`),
      };
    case 'kube-proxy': {
      const kp = gatheredValue(s.kubeProxy);
      return {
        kind,
        detail:
          kp?.mode !== null && kp?.mode !== undefined
            ? msg`mode ${kp.mode || 'iptables'}`
            : msg`kube-proxy`,
        members: Object.keys(kp?.podsByNode ?? {}).map((n) => ({ id: n, carriesTraffic: true })),
        unexamined: kp
          ? Object.keys(kp.podsByNode).length > 0 || !kp.daemonSetFound
            ? null
            : msg`no node of the path to look at`
          : msg`kube-proxy could not be read`,
      };
    }
    case 'endpoints': {
      const slices = gatheredValue(s.backend?.endpointSlices);
      const n = new Set(pathSlices(s).flatMap((sl) => sl.endpoints.flatMap((e) => e.addresses)))
        .size;
      const portMissing =
        svc && pathServicePorts(s.path, svc, ingressBackendPort(s)).length === 0
          ? msg`not reached: the path's port is not a port of the Service`
          : null;
      return {
        kind,
        detail: msg`${readyEndpointIps(s).size}/${n} ready`,
        members: [],
        unexamined:
          noBackend ?? portMissing ?? (slices ? null : msg`EndpointSlices could not be read`),
      };
    }
    case 'pods': {
      const ready = readyEndpointIps(s);
      const pods = backendPods(s);
      const unexamined =
        noBackend ??
        (s.backend && !isGathered(s.backend.pods)
          ? msg`the backend pods could not be read`
          : pods.length === 0
            ? msg`no backend pods to look at`
            : null);
      return {
        kind,
        detail: pods.length === 1 ? msg`1 pod` : msg`${pods.length} pods`,
        members: pods.map((p) => ({
          id: p.name,
          carriesTraffic: Boolean(p.podIP && ready.has(p.podIP)),
        })),
        unexamined,
      };
    }
    case 'node': {
      const readyNodes = readyEndpointNodes(s);
      const controllerReady = new Set(
        (gatheredValue(s.ingress?.controllerPods) ?? [])
          .filter((p) => p.ready)
          .map((p) => p.nodeName),
      );
      const members = Object.keys(s.nodes)
        .sort()
        .map((n) => ({
          id: n,
          carriesTraffic:
            hosts.entry.includes(n) ||
            hosts.client === n ||
            readyNodes.has(n) ||
            controllerReady.has(n),
        }));
      return {
        kind,
        detail: members.length === 1 ? msg`1 node` : msg`${members.length} nodes`,
        members,
        unexamined:
          noBackend ??
          (s.unnamedNodes
            ? msg`not every node of the path is known: could not ${s.unnamedNodes.what}`
            : members.length === 0
              ? msg`no node of the path to look at`
              : null),
      };
    }
  }
}

/** Hops with a metric part: while Prometheus is still answering, an `ok` there is not yet earned. */
const METRIC_HOPS: ReadonlySet<HopKind> = new Set([
  'node',
  'pods',
  'dns-cluster',
  'kube-proxy',
  'ingress-controller',
  'gateway',
]);

function judge(p: HopPlan, findings: Finding[], metricsPending: boolean): HopResult {
  const label = p.label ?? HOP_LABELS[p.kind];
  if (p.skipped)
    return {
      kind: p.kind,
      label,
      detail: english(p.detail),
      verdict: 'skipped',
      reason: english(p.skipped),
      messages: { detail: p.detail, reason: p.skipped },
      members: [],
      counts: {},
    };
  const own = findings.filter((f) => f.hop === p.kind);
  const memberIds = new Set(p.members.map((m) => m.id));
  const members: MemberResult[] = p.members.map((m) => ({
    ...m,
    verdict: worst(
      own.filter((f) => f.member === m.id).map((f) => severityVerdict(f.severity)),
      'ok',
    ),
  }));
  const hopLevel = worst(
    own
      .filter((f) => !f.member || !memberIds.has(f.member))
      .map((f) => severityVerdict(f.severity)),
    'ok',
  );
  let memberPart: Verdict = 'ok';
  let reason: Message | undefined;
  const failing = members.filter((m) => m.verdict === 'fail');
  if (members.length > 0) {
    if (failing.length === members.length) {
      memberPart = 'fail';
      reason = msg`all ${members.length} failing`;
    } else if (failing.some((m) => m.carriesTraffic)) {
      memberPart = 'fail';
      reason = msg`${failing.filter((m) => m.carriesTraffic).length} failing member(s) still receive traffic`;
    } else if (failing.length > 0) {
      memberPart = 'warn';
      reason = msg`${failing.length} of ${members.length} failing but out of rotation; the rest carry the traffic`;
    } else
      memberPart = worst(
        members.map((m) => m.verdict),
        'ok',
      );
  }
  let verdict = worst([hopLevel, memberPart]);
  if (verdict === 'ok' && p.unexamined) {
    verdict = 'unknown';
    reason = p.unexamined;
  }
  if (verdict === 'ok' && metricsPending && METRIC_HOPS.has(p.kind)) {
    verdict = 'unknown';
    reason = msg`Prometheus evidence loading…`;
  }
  if (verdict === 'unknown' && !reason) {
    const unknown = own.find((f) => f.severity === 'unknown');
    // Prometheus failing is said once, in the summary; the hop says only what it cost.
    reason =
      unknown?.code === 'METRICS_UNAVAILABLE'
        ? msg`metrics unknown: Prometheus failed`
        : unknown && (unknown.messages?.title ?? words(unknown.title));
  }
  const info = own.find((f) => f.severity === 'info' && !f.member);
  if (verdict === 'ok' && info && p.kind === 'kube-proxy' && info.code === 'KUBE_PROXY_REPLACED') {
    verdict = 'unknown';
    reason = info.messages?.title ?? words(info.title);
  }
  const counts: Partial<Record<Verdict, number>> = {};
  for (const m of members) counts[m.verdict] = (counts[m.verdict] ?? 0) + 1;
  return {
    kind: p.kind,
    label,
    detail: english(p.detail),
    verdict,
    ...(reason ? { reason: english(reason) } : {}),
    messages: { detail: p.detail, ...(reason ? { reason } : {}) },
    members,
    counts,
  };
}

export function buildHops(s: Snapshot, findings: Finding[]): HopResult[] {
  return hopOrder(s).map((kind) => judge(plan(kind, s), findings, s.meta.metricsPending === true));
}
