// The Gateway API side of a path (gateway.networking.k8s.io): the HTTPRoute that serves the host
// and path, the Gateways it attaches to, their GatewayClasses and the ReferenceGrants that let a
// route reach another namespace's Service — as far as the checks need them, statuses included.
import type { Condition, Gathered, PodInfo, ServiceInfo } from './snapshot';

export interface ParentRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
}

export interface BackendRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  port?: number;
  /** Defaults to 1; 0 sends the rule no traffic. */
  weight: number;
}

export interface HttpRouteMatch {
  path: { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string };
  headers: { name: string; value: string; type: string }[];
  /** Query parameter conditions, by name (their values do not matter to the checks). */
  queryParams?: string[];
  method?: string;
}

export interface HttpRouteRule {
  /** `matches` as the API defaults it: one PathPrefix / match when the rule names none. */
  matches: HttpRouteMatch[];
  backendRefs: BackendRef[];
}

/** A status condition with the generation it was written for. */
export interface GenerationCondition extends Condition {
  observedGeneration?: number;
}

export interface RouteParentStatus {
  parentRef: ParentRef;
  controllerName: string;
  conditions: GenerationCondition[];
}

export interface HttpRouteInfo {
  /** A GRPCRoute is read as the HTTP/2 requests it serves (its rules as paths); absent: HTTPRoute. */
  kind?: 'HTTPRoute' | 'GRPCRoute';
  namespace: string;
  name: string;
  generation: number;
  parentRefs: ParentRef[];
  hostnames: string[];
  rules: HttpRouteRule[];
  parents: RouteParentStatus[];
}

export interface ListenerInfo {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  /** `allowedRoutes.namespaces.from`: Same (the default), All or Selector. */
  allowedNamespaces: 'Same' | 'All' | 'Selector';
}

export interface ListenerStatus {
  name: string;
  attachedRoutes: number;
  conditions: GenerationCondition[];
}

export interface GatewayInfo {
  namespace: string;
  name: string;
  generation: number;
  className: string;
  listeners: ListenerInfo[];
  addresses: string[];
  conditions: GenerationCondition[];
  listenerStatus: ListenerStatus[];
}

export interface GatewayClassInfo {
  name: string;
  controllerName: string;
  generation: number;
  conditions: GenerationCondition[];
}

export interface ReferenceGrantInfo {
  namespace: string;
  name: string;
  from: { group: string; kind: string; namespace: string }[];
  to: { group: string; kind: string; name?: string }[];
}

/** One Gateway the route names, with its class; each read on its own. */
export interface GatewayParent {
  ref: ParentRef;
  gateway: Gathered<GatewayInfo | null>;
  gatewayClass: Gathered<GatewayClassInfo | null>;
  /**
   * The Gateway's data-plane pods (the proxies that carry its traffic), found through their
   * Service by the labels the controller gives them; absent in diagnoses frozen before they were read.
   */
  dataPlanePods?: Gathered<PodInfo[]>;
  /** Their Service, whose ClusterIP the path trace sends the host's request to. */
  dataPlaneService?: Gathered<ServiceInfo | null>;
}

export interface GatewaySide {
  route: Gathered<HttpRouteInfo | null>;
  parents: GatewayParent[];
  /** ReferenceGrants of each namespace a backendRef of the matched rule reaches into. */
  referenceGrants: Record<string, Gathered<ReferenceGrantInfo[]>>;
}

/** The route's kind: a GRPCRoute says so, anything else is an HTTPRoute. */
export function routeKind(r: { kind?: HttpRouteInfo['kind'] }): 'HTTPRoute' | 'GRPCRoute' {
  return r.kind ?? 'HTTPRoute';
}

/** A host name against a route's or listener's hostname (`*.example.com` matches one or more labels). */
export function hostMatches(pattern: string | undefined, host: string): boolean {
  if (!pattern) return true;
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return p === h;
}

function pathMatches(m: HttpRouteMatch['path'], path: string): number {
  switch (m.type) {
    case 'Exact':
      return m.value === path ? 2 * m.value.length + 1 : -1;
    case 'PathPrefix': {
      const prefix = m.value.endsWith('/') && m.value !== '/' ? m.value.slice(0, -1) : m.value;
      const ok =
        prefix === '/' ||
        path === prefix ||
        (path.startsWith(prefix) && path[prefix.length] === '/');
      return ok ? 2 * prefix.length : -1;
    }
    case 'RegularExpression':
      // Implementation-specific syntax: matched as an ECMAScript pattern anchored at both ends.
      try {
        return new RegExp(`^(?:${m.value})$`).test(path) ? 0 : -1;
      } catch {
        return -1;
      }
  }
}

export interface RouteMatch {
  ruleIndex: number;
  rule: HttpRouteRule;
  match: HttpRouteMatch;
  /** The match needs headers, query parameters or a method a plain GET of the path does not send. */
  conditional: boolean;
}

/**
 * The rule of the route that serves a plain GET of host + path, by the API's precedence: the
 * route's hostnames must admit the host; among the matches the request satisfies, an Exact path
 * beats the longest PathPrefix beats a regular expression, the first rule winning a tie. Only
 * when no match without header, query or method conditions admits the path is the best
 * conditional one returned (`conditional`: whether it serves depends on the request).
 */
export function matchHttpRoute(
  route: HttpRouteInfo,
  host: string,
  path: string,
): RouteMatch | null {
  if (route.hostnames.length > 0 && !route.hostnames.some((h) => hostMatches(h, host))) return null;
  const best: Record<'plain' | 'conditional', (RouteMatch & { score: number }) | null> = {
    plain: null,
    conditional: null,
  };
  route.rules.forEach((rule, ruleIndex) => {
    for (const match of rule.matches) {
      const score = pathMatches(match.path, path);
      if (score < 0) continue;
      const conditional =
        match.headers.length > 0 ||
        (match.queryParams?.length ?? 0) > 0 ||
        (match.method !== undefined && match.method !== 'GET');
      const kind = conditional ? 'conditional' : 'plain';
      const held = best[kind];
      if (!held || score > held.score) best[kind] = { ruleIndex, rule, match, conditional, score };
    }
  });
  const found = best.plain ?? best.conditional;
  if (!found) return null;
  const { score: _score, ...match } = found;
  return match;
}

/** The condition of that type, when set. */
export function conditionOf(
  conditions: GenerationCondition[],
  type: string,
): GenerationCondition | undefined {
  return conditions.find((c) => c.type === type);
}
