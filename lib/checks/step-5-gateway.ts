// Step 5 for a gateway path: the HTTPRoute (or GRPCRoute), each Gateway it attaches to and its GatewayClass,
// judged first by their own status conditions (with the reason in the sentence, and a status
// written for an older generation said to be stale), then by what the status cannot say: no rule
// for the host and path, a backendRef to a missing Service or port, every weight 0, a
// cross-namespace reference without a ReferenceGrant. A backendRef that is not a Service is
// marked unknown, never failed.
import {
  conditionOf,
  hostMatches,
  matchHttpRoute,
  routeKind,
  type BackendRef,
  type GatewayInfo,
  type GatewayParent,
  type GenerationCondition,
  type HttpRouteInfo,
  type ListenerInfo,
} from '@/lib/model/gateway';
import type { Finding } from '@/lib/model/finding';
import { gatheredValue, type Snapshot } from '@/lib/model/snapshot';
import { finding, noteEvidence, objectEvidence, sourceUnknown } from './finding-builder';
import { sh } from './command';
import { gatewayRouteOf } from '@/lib/model/path-text';
import { podRef } from './read-snapshot';
import { dataPlaneSelector } from '@/lib/profiles/gateway-controllers';
import { joinMessages, msg, type Message } from '@/lib/i18n/message';

const routeRef = (r: { kind?: HttpRouteInfo['kind']; namespace: string; name: string }) =>
  `gateway.networking.k8s.io/v1 ${routeKind(r)} ${r.namespace}/${r.name}`;
const gatewayRef = (g: { namespace: string; name: string }) =>
  `gateway.networking.k8s.io/v1 Gateway ${g.namespace}/${g.name}`;

function said(c: GenerationCondition): string {
  return `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`;
}

/** Conditions written for an older generation than the object's: said once per object. */
function stale(
  hop: 'gateway' | 'httproute',
  ref: string,
  what: string,
  generation: number,
  conditions: GenerationCondition[],
): Finding[] {
  const behind = conditions.filter(
    (c) => c.observedGeneration !== undefined && c.observedGeneration < generation,
  );
  if (behind.length === 0) return [];
  return [
    finding('GATEWAY_STATUS_STALE', {
      hop,
      severity: 'warn',
      title: msg`the status of ${what} was written for generation ${Math.min(...behind.map((c) => c.observedGeneration!))}, the object is at generation ${generation}: its controller has not processed the latest edit`,
      evidence: [
        objectEvidence(ref, 'metadata.generation', generation),
        objectEvidence(
          ref,
          'status…conditions[].observedGeneration',
          behind.map((c) => `${c.type}: ${c.observedGeneration}`),
        ),
      ],
    }),
  ];
}

/** The listeners the route may attach to on this Gateway: the one its sectionName or port names, or all. */
function listenersFor(parent: GatewayParent, g: GatewayInfo): ListenerInfo[] {
  return g.listeners.filter(
    (l) =>
      (!parent.ref.sectionName || l.name === parent.ref.sectionName) &&
      (parent.ref.port === undefined || l.port === parent.ref.port),
  );
}

function checkParent(
  s: Snapshot,
  route: HttpRouteInfo,
  parent: GatewayParent,
  host: string,
): Finding[] {
  const ref = parent.ref;
  if (ref.kind !== 'Gateway' || ref.group !== 'gateway.networking.k8s.io') return [];
  if ('issue' in parent.gateway) return [sourceUnknown(5, 'gateway', parent.gateway.issue)];
  const g = parent.gateway.value;
  if (!g)
    return [
      finding('GATEWAY_NOT_FOUND', {
        hop: 'gateway',
        severity: 'fail',
        title: msg`${routeKind(route)} ${route.namespace}/${route.name} names Gateway ${ref.namespace}/${ref.name}, which does not exist`,
        evidence: [objectEvidence(routeRef(route), 'spec.parentRefs', route.parentRefs)],
        commands: [sh`kubectl get gateways -A`],
      }),
    ];
  const gRef = gatewayRef(g);
  const out: Finding[] = [];
  if ('issue' in parent.gatewayClass)
    out.push(sourceUnknown(5, 'gateway', parent.gatewayClass.issue));
  else {
    const cls = parent.gatewayClass.value;
    const accepted = cls ? conditionOf(cls.conditions, 'Accepted') : undefined;
    if (!cls || accepted?.status !== 'True')
      out.push(
        finding('GATEWAY_CLASS_NOT_ACCEPTED', {
          hop: 'gateway',
          severity: 'fail',
          title: !cls
            ? msg`Gateway ${g.namespace}/${g.name} names GatewayClass "${g.className}", which does not exist: no controller programs it`
            : accepted
              ? msg`GatewayClass ${cls.name} (controller ${cls.controllerName}) is not accepted: ${said(accepted)}`
              : msg`GatewayClass ${cls.name} (controller ${cls.controllerName}) is not accepted: no Accepted condition: no controller has claimed it`,
          evidence: [
            objectEvidence(gRef, 'spec.gatewayClassName', g.className),
            ...(cls
              ? [
                  objectEvidence(
                    `gateway.networking.k8s.io/v1 GatewayClass ${cls.name}`,
                    'status.conditions',
                    cls.conditions,
                  ),
                ]
              : []),
          ],
          commands: [sh`kubectl get gatewayclass`],
        }),
      );
  }
  const accepted = conditionOf(g.conditions, 'Accepted');
  if (accepted?.status === 'False')
    out.push(
      finding('GATEWAY_NOT_ACCEPTED', {
        hop: 'gateway',
        severity: 'fail',
        title: msg`Gateway ${g.namespace}/${g.name} is not accepted by its controller: ${said(accepted)}`,
        evidence: [objectEvidence(gRef, 'status.conditions[Accepted]', accepted)],
        commands: [sh`kubectl describe gateway -n ${g.namespace} ${g.name}`],
      }),
    );
  const programmed = conditionOf(g.conditions, 'Programmed');
  if (programmed?.status !== 'True')
    out.push(
      finding('GATEWAY_NOT_PROGRAMMED', {
        hop: 'gateway',
        severity: 'fail',
        title: programmed
          ? msg`Gateway ${g.namespace}/${g.name} is not programmed: ${said(programmed)}`
          : msg`Gateway ${g.namespace}/${g.name} has no Programmed condition: no controller has programmed it`,
        evidence: [objectEvidence(gRef, 'status.conditions', g.conditions)],
        commands: [sh`kubectl describe gateway -n ${g.namespace} ${g.name}`],
      }),
    );
  out.push(
    ...stale('gateway', gRef, `Gateway ${g.namespace}/${g.name}`, g.generation, g.conditions),
  );

  // Listeners: which of them admit the host, and whether those are healthy.
  const candidates = listenersFor(parent, g);
  const serving = candidates.filter((l) => hostMatches(l.hostname, host));
  // Said even when the route's status says NoMatchingListenerHostname: the listener is where the
  // fix may lie, and this names its hostnames.
  if (candidates.length > 0 && serving.length === 0)
    out.push(
      finding('GATEWAY_LISTENER_HOSTNAME_MISMATCH', {
        hop: 'gateway',
        severity: 'fail',
        title: msg`no listener of Gateway ${g.namespace}/${g.name}${ref.sectionName ? msg` named ${ref.sectionName}` : ''} admits ${host} (${joinMessages(candidates.map((l) => msg`${l.name}: ${l.hostname ?? msg`any host`}`))})`,
        evidence: [objectEvidence(gRef, 'spec.listeners', candidates)],
        commands: [sh`kubectl get gateway -n ${g.namespace} ${g.name} -o yaml`],
      }),
    );
  for (const l of serving) {
    const st = g.listenerStatus.find((x) => x.name === l.name);
    if (!st) continue;
    const bad = st.conditions.filter(
      (c) =>
        (c.type === 'Conflicted' && c.status === 'True') ||
        (['Accepted', 'Programmed', 'ResolvedRefs'].includes(c.type) && c.status === 'False'),
    );
    if (bad.length > 0)
      out.push(
        finding('GATEWAY_LISTENER_UNHEALTHY', {
          hop: 'gateway',
          severity: 'fail',
          title: msg`listener ${l.name} (${l.protocol} ${l.port}${l.hostname ? ` ${l.hostname}` : ''}) of Gateway ${g.namespace}/${g.name}: ${bad.map(said).join('; ')}`,
          evidence: [objectEvidence(gRef, `status.listeners[${l.name}].conditions`, st.conditions)],
          commands: [sh`kubectl describe gateway -n ${g.namespace} ${g.name}`],
        }),
      );
  }
  out.push(...checkDataPlane(parent, g));
  return out;
}

/**
 * The proxies that carry the Gateway's traffic: where its controller labels them, none found
 * means nothing answers on its address (a controller whose proxies are shared or outside the
 * cluster has none to find, and that says nothing); a pod not ready is out of rotation (one of
 * several only degrades the hop).
 */
function checkDataPlane(parent: GatewayParent, g: GatewayInfo): Finding[] {
  const pods = parent.dataPlanePods;
  if (!pods) return [];
  if ('issue' in pods) return [sourceUnknown(5, 'gateway', pods.issue)];
  const cls = gatheredValue(parent.gatewayClass);
  const where = cls ? dataPlaneSelector(cls.controllerName, g) : null;
  const selector = where?.selector ?? '';
  if (pods.value.length === 0 && where?.declared)
    return [
      finding('GATEWAY_NO_DATA_PLANE', {
        hop: 'gateway',
        severity: 'fail',
        title: msg`no data-plane pod of Gateway ${g.namespace}/${g.name} found (${selector}): nothing serves its listeners`,
        evidence: [noteEvidence(msg`no Service or pod labelled ${selector}`)],
        commands: [sh`kubectl get deploy,svc,pods -A -l ${selector}`],
      }),
    ];
  return pods.value
    .filter((p) => !p.ready)
    .map((p) =>
      finding('GATEWAY_DATA_PLANE_POD_UNHEALTHY', {
        hop: 'gateway',
        member: p.name,
        severity: 'fail',
        title: msg`data-plane pod ${p.name} of Gateway ${g.namespace}/${g.name} is not ready (${p.containers.find((c) => c.reason)?.reason ?? p.phase})`,
        evidence: [objectEvidence(podRef(p), 'status.conditions[Ready]', false)],
        commands: [sh`kubectl logs -n ${p.namespace} ${p.name} --tail=50`],
      }),
    );
}

/** The parentRef a route status entry is about, as a key comparable with a GatewayParent's. */
const parentKey = (r: { namespace: string; name: string; sectionName?: string }) =>
  `${r.namespace}/${r.name}/${r.sectionName ?? ''}`;

/**
 * The parents that can carry the path: a Gateway read, with an HTTP(S) listener the parentRef
 * allows that admits the host. When one can, the others (another Gateway, another listener for
 * another host) are not this path's: their troubles are not blamed on it.
 */
function carriers(parents: GatewayParent[], host: string): GatewayParent[] {
  return parents.filter((p) => {
    const g = gatheredValue(p.gateway);
    return g
      ? listenersFor(p, g).some(
          (l) => (l.protocol === 'HTTP' || l.protocol === 'HTTPS') && hostMatches(l.hostname, host),
        )
      : false;
  });
}

/**
 * The route's own status, per parent judged. `ruleResolved`: the matched rule's backend was
 * found, granted and has its port — an unresolved reference is then another rule's.
 */
function checkRouteStatus(
  route: HttpRouteInfo,
  judged: ReadonlySet<string> | null,
  ruleResolved: boolean,
): Finding[] {
  const ref = routeRef(route);
  if (route.parentRefs.length === 0 || route.parents.length === 0)
    return [
      finding('GATEWAY_ROUTE_NOT_ATTACHED', {
        hop: 'httproute',
        severity: 'fail',
        title:
          route.parentRefs.length === 0
            ? msg`${routeKind(route)} ${route.namespace}/${route.name} names no Gateway (spec.parentRefs is empty): no Gateway serves it`
            : msg`${routeKind(route)} ${route.namespace}/${route.name} is attached to nothing: no controller has written status.parents for ${route.parentRefs.map((p) => `${p.namespace}/${p.name}`).join(', ')}`,
        evidence: [
          objectEvidence(ref, 'spec.parentRefs', route.parentRefs),
          objectEvidence(ref, 'status.parents', route.parents),
        ],
        commands: [
          sh`kubectl describe ${routeKind(route).toLowerCase()} -n ${route.namespace} ${route.name}`,
        ],
      }),
    ];
  const out: Finding[] = [];
  for (const p of route.parents) {
    if (judged && !judged.has(parentKey(p.parentRef))) continue;
    const where = `${p.parentRef.namespace}/${p.parentRef.name}${p.parentRef.sectionName ? `/${p.parentRef.sectionName}` : ''}`;
    const accepted = conditionOf(p.conditions, 'Accepted');
    if (accepted?.status === 'False')
      out.push(
        finding('GATEWAY_ROUTE_NOT_ACCEPTED', {
          hop: 'httproute',
          severity: 'fail',
          title: msg`Gateway ${where} does not accept ${routeKind(route)} ${route.namespace}/${route.name}: ${said(accepted)}`,
          evidence: [objectEvidence(ref, 'status.parents[].conditions[Accepted]', accepted)],
          commands: [
            sh`kubectl describe ${routeKind(route).toLowerCase()} -n ${route.namespace} ${route.name}`,
          ],
        }),
      );
    const resolved = conditionOf(p.conditions, 'ResolvedRefs');
    if (resolved?.status === 'False')
      out.push(
        finding('GATEWAY_ROUTE_REFS_UNRESOLVED', {
          hop: !ruleResolved && resolved.reason === 'BackendNotFound' ? 'service' : 'httproute',
          severity: ruleResolved ? 'warn' : 'fail',
          title: ruleResolved
            ? msg`${routeKind(route)} ${route.namespace}/${route.name} has a reference its controller cannot resolve in another rule than the one for this path: ${said(resolved)}`
            : msg`${routeKind(route)} ${route.namespace}/${route.name} has references its controller cannot resolve: ${said(resolved)}`,
          evidence: [objectEvidence(ref, 'status.parents[].conditions[ResolvedRefs]', resolved)],
          commands: [
            sh`kubectl describe ${routeKind(route).toLowerCase()} -n ${route.namespace} ${route.name}`,
          ],
        }),
      );
    const partial = conditionOf(p.conditions, 'PartiallyInvalid');
    if (partial?.status === 'True')
      out.push(
        finding('GATEWAY_ROUTE_PARTIALLY_INVALID', {
          hop: 'httproute',
          severity: 'warn',
          title: msg`some rules of ${routeKind(route)} ${route.namespace}/${route.name} were dropped by ${where}: ${said(partial)}`,
          evidence: [objectEvidence(ref, 'status.parents[].conditions[PartiallyInvalid]', partial)],
        }),
      );
  }
  const all = route.parents.flatMap((p) => p.conditions);
  out.push(
    ...stale(
      'httproute',
      ref,
      `${routeKind(route)} ${route.namespace}/${route.name}`,
      route.generation,
      all,
    ),
  );
  return out;
}

/** Whether a ReferenceGrant in the Service's namespace lets this route's namespace reach it. */
function granted(s: Snapshot, route: HttpRouteInfo, b: BackendRef): boolean | undefined {
  const grants = s.gateway?.referenceGrants[b.namespace];
  if (!grants || 'issue' in grants) return undefined;
  return grants.value.some(
    (g) =>
      g.from.some(
        (f) =>
          f.group === 'gateway.networking.k8s.io' &&
          f.kind === routeKind(route) &&
          f.namespace === route.namespace,
      ) &&
      g.to.some((t) => t.group === '' && t.kind === 'Service' && (!t.name || t.name === b.name)),
  );
}

function checkRule(s: Snapshot, route: HttpRouteInfo, host: string, path: string): Finding[] {
  const ref = routeRef(route);
  const match = matchHttpRoute(route, host, path);
  if (!match)
    return [
      finding('GATEWAY_NO_RULE_MATCH', {
        hop: 'httproute',
        severity: 'fail',
        title: msg`no rule of ${routeKind(route)} ${route.namespace}/${route.name} matches ${host}${path}${route.hostnames.length ? msg` (hostnames: ${route.hostnames.join(', ')})` : ''}: the Gateway answers 404`,
        evidence: [
          objectEvidence(ref, 'spec.hostnames', route.hostnames),
          objectEvidence(
            ref,
            'spec.rules[].matches',
            route.rules.map((r) => r.matches),
          ),
        ],
        commands: [
          sh`kubectl get ${routeKind(route).toLowerCase()} -n ${route.namespace} ${route.name} -o yaml`,
        ],
      }),
    ];
  const out: Finding[] = [];
  const refs = match.rule.backendRefs;
  const rulePlace = msg`rule ${match.ruleIndex + 1} (${match.match.path.type} ${match.match.path.value})`;
  if (match.conditional)
    out.push(
      finding('GATEWAY_RULE_CONDITIONAL', {
        hop: 'httproute',
        severity: 'unknown',
        title: msg`only ${rulePlace} of ${routeKind(route)} ${route.namespace}/${route.name} admits ${host}${path}, and it also needs ${andList(
          [
            ...(match.match.headers.length
              ? [msg`headers ${match.match.headers.map((h) => h.name).join(', ')}`]
              : []),
            ...(match.match.queryParams?.length
              ? [msg`query parameters ${match.match.queryParams.join(', ')}`]
              : []),
            ...(match.match.method && match.match.method !== 'GET'
              ? [msg`method ${match.match.method}`]
              : []),
          ],
        )}: whether a request is served depends on what it sends`,
        evidence: [
          objectEvidence(ref, `spec.rules[${match.ruleIndex}].matches`, match.rule.matches),
        ],
      }),
    );
  if (refs.length > 0 && refs.every((b) => b.weight === 0))
    out.push(
      finding('GATEWAY_BACKEND_WEIGHTS_ZERO', {
        hop: 'httproute',
        severity: 'fail',
        title: msg`${rulePlace} of ${routeKind(route)} ${route.namespace}/${route.name} gives every backend weight 0: it sends ${host}${path} nowhere and the Gateway answers 500`,
        evidence: [objectEvidence(ref, `spec.rules[${match.ruleIndex}].backendRefs`, refs)],
      }),
    );
  for (const b of refs) {
    const isService = b.kind === 'Service' && (b.group === '' || b.group === 'core');
    if (!isService) {
      out.push(
        finding('GATEWAY_BACKEND_NOT_SERVICE', {
          hop: 'service',
          severity: 'unknown',
          title: msg`${rulePlace} sends to ${b.group ? `${b.group}/` : ''}${b.kind} ${b.namespace}/${b.name}: not a Service, not followed`,
          evidence: [objectEvidence(ref, `spec.rules[${match.ruleIndex}].backendRefs`, b)],
        }),
      );
      continue;
    }
    if (b.namespace !== route.namespace && granted(s, route, b) === false)
      out.push(
        finding('GATEWAY_REFERENCEGRANT_MISSING', {
          hop: 'httproute',
          severity: 'fail',
          title: msg`${rulePlace} sends to Service ${b.namespace}/${b.name}, in another namespace, and no ReferenceGrant in ${b.namespace} allows ${routeKind(route)}s of ${route.namespace} to reach it: the reference is refused`,
          evidence: [
            objectEvidence(ref, `spec.rules[${match.ruleIndex}].backendRefs`, b),
            objectEvidence(
              `gateway.networking.k8s.io/v1beta1 ReferenceGrant (namespace ${b.namespace})`,
              'spec',
              gatheredGrants(s, b.namespace),
            ),
          ],
          commands: [sh`kubectl get referencegrants -n ${b.namespace} -o yaml`],
        }),
      );
  }
  // The Service the path follows: the first Service backendRef with weight.
  const followed = refs.find(
    (b) => b.kind === 'Service' && (b.group === '' || b.group === 'core') && b.weight > 0,
  );
  const backend = s.backend?.service;
  if (!followed || !backend) return out;
  if ('issue' in backend) return [...out, sourceUnknown(5, 'service', backend.issue)];
  if (!backend.value)
    return [
      ...out,
      finding('GATEWAY_BACKEND_SERVICE_MISSING', {
        hop: 'service',
        severity: 'fail',
        title: msg`${rulePlace} of ${routeKind(route)} ${route.namespace}/${route.name} sends ${host}${path} to Service ${followed.namespace}/${followed.name}, which does not exist: the Gateway answers 500`,
        evidence: [
          objectEvidence(ref, `spec.rules[${match.ruleIndex}].backendRefs[].name`, followed.name),
        ],
        commands: [sh`kubectl get svc -n ${followed.namespace}`],
      }),
    ];
  const svc = backend.value;
  if (followed.port !== undefined && !svc.ports.some((p) => p.port === followed.port))
    out.push(
      finding('GATEWAY_BACKEND_PORT_MISSING', {
        hop: 'service',
        severity: 'fail',
        title: msg`${rulePlace} targets port ${followed.port} of Service ${svc.namespace}/${svc.name}, which has only ${svc.ports.length > 0 ? svc.ports.map((p) => (p.name ? `${p.name}:${p.port}` : `${p.port}`)).join(', ') : msg`no ports`}`,
        evidence: [
          objectEvidence(ref, `spec.rules[${match.ruleIndex}].backendRefs[].port`, followed.port),
          objectEvidence(`v1 Service ${svc.namespace}/${svc.name}`, 'spec.ports', svc.ports),
        ],
        commands: [sh`kubectl get svc -n ${svc.namespace} ${svc.name} -o jsonpath='{.spec.ports}'`],
      }),
    );
  return out;
}

/** "a and b and c": what a conditional rule also needs, each part a phrase. */
function andList(parts: Message[]): Message | '' {
  if (parts.length === 0) return '';
  return parts.slice(1).reduce((all, part) => msg`${all} and ${part}`, parts[0]!);
}

function gatheredGrants(s: Snapshot, namespace: string): unknown {
  const g = s.gateway?.referenceGrants[namespace];
  return g && 'value' in g ? g.value : null;
}

export function checkGateway(s: Snapshot): Finding[] {
  if (s.path.kind !== 'gateway' || !s.gateway) return [];
  const g = s.gateway.route;
  if ('issue' in g) return [sourceUnknown(5, 'httproute', g.issue)];
  const route = g.value;
  const named = gatewayRouteOf(s.path);
  if (!route)
    return [
      finding('GATEWAY_ROUTE_NOT_FOUND', {
        hop: 'httproute',
        severity: 'fail',
        title: msg`${named.kind} ${s.path.namespace}/${named.name} does not exist`,
        commands: [sh`kubectl get ${named.kind.toLowerCase()}s -n ${s.path.namespace}`],
      }),
    ];
  const host = s.path.host;
  const rule = checkRule(s, route, host, s.path.path);
  const backend = s.backend?.service;
  const ruleResolved =
    !rule.some((f) => f.severity === 'fail') && !!backend && 'value' in backend && !!backend.value;
  // Parents that cannot carry this host (another listener's, another Gateway's) are not judged
  // when one can; when none can, each says why.
  const able = carriers(s.gateway.parents, host);
  const judgedParents = able.length > 0 ? able : s.gateway.parents;
  const status = checkRouteStatus(
    route,
    able.length > 0 ? new Set(able.map((p) => parentKey(p.ref))) : null,
    ruleResolved,
  );
  // Two listeners of one Gateway are two parents with one data plane: its findings once.
  const seen = new Set<string>();
  const parents = judgedParents
    .flatMap((p) => checkParent(s, route, p, host))
    .filter((f) => {
      const key = `${f.code}|${f.member ?? ''}|${f.title}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  return [...status, ...parents, ...rule];
}
