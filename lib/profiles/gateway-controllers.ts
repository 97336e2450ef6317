// What Hopscope knows about each Gateway API controller, as data: which series carry a route's
// requests, errors and upstream latency, and how they name the route. A controller is found by
// its GatewayClass's spec.controllerName, never by the class's name. Adding a controller is
// adding an entry, not code in a step.
import type { BackendRef } from '@/lib/model/gateway';
import { controllerProfileOverrides } from './overrides';

/** Envoy's cluster statistics, as Envoy-based gateways expose them (/stats/prometheus). */
export interface EnvoyClusterMetrics {
  kind: 'envoy-cluster';
  /** The label that carries Envoy's cluster name. */
  clusterLabel: string;
  /**
   * The clusters one route rule sends to through one Gateway, in the controller's naming: one per
   * rule (Envoy Gateway) or one per backend Service of the rule (Contour, Cilium).
   */
  clusterNames(
    route: { kind?: 'HTTPRoute' | 'GRPCRoute'; namespace: string; name: string },
    ruleIndex: number,
    backends: readonly BackendRef[],
    gateway: { namespace: string; name: string },
  ): string[];
  /** Counter of upstream requests; its `_xx` sibling splits them by `envoy_response_code_class`. */
  requests: string;
  responsesByClass: string;
  classLabel: string;
  /** Histogram (`_bucket`) of upstream request time, in milliseconds. */
  requestTimeMs: string;
  /** Counter of connections to the upstream that failed. */
  connectFailures: string;
  /** Counter of requests Envoy answered 503 itself: no healthy host in the cluster. */
  noHealthyUpstream: string;
}

/**
 * Istio's standard request metrics, as its gateway proxies report them as the client
 * (`reporter="source"`): per destination Service, not per route.
 */
export interface IstioRequestMetrics {
  kind: 'istio-requests';
  requests: string;
  statusLabel: string;
  /** Histogram (`_bucket`) of request duration, in milliseconds. */
  durationMs: string;
  /** The workload name Istio gives the proxies it deploys for a Gateway. */
  gatewayWorkload(gateway: { name: string; className: string }): string;
}

export type GatewayMetrics = EnvoyClusterMetrics | IstioRequestMetrics;

export interface GatewayControllerProfile {
  /** The GatewayClass `spec.controllerName` value. */
  controllerName: string;
  title: string;
  /**
   * The label selector of one Gateway's data-plane Service and pods, as the controller labels
   * what it provisions (unique across namespaces); without it, the Gateway API's own
   * `gateway.networking.k8s.io/gateway-name`, looked for in the Gateway's namespace only.
   */
  dataPlaneSelector?(gateway: { namespace: string; name: string }): string;
  /** Where its per-route series are; absent with `noRouteSeries` when it exposes none. */
  metrics?: GatewayMetrics;
  /** Why there is nothing per route to read, in words (said instead of showing nothing). */
  noRouteSeries?: string;
}

const ENVOY_CLUSTER = {
  kind: 'envoy-cluster',
  clusterLabel: 'envoy_cluster_name',
  requests: 'envoy_cluster_upstream_rq_total',
  responsesByClass: 'envoy_cluster_upstream_rq_xx',
  classLabel: 'envoy_response_code_class',
  requestTimeMs: 'envoy_cluster_upstream_rq_time',
  connectFailures: 'envoy_cluster_upstream_cx_connect_fail',
  noHealthyUpstream: 'envoy_cluster_upstream_cx_none_healthy',
} as const;

export const GATEWAY_CONTROLLER_PROFILES: readonly GatewayControllerProfile[] = [
  {
    controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
    title: 'Envoy Gateway',
    // Its infrastructure labels (an EnvoyProxy with mergeGateways labels by class instead).
    dataPlaneSelector: (g) =>
      `gateway.envoyproxy.io/owning-gateway-name=${g.name},gateway.envoyproxy.io/owning-gateway-namespace=${g.namespace}`,
    // Envoy Gateway names the cluster of each route rule `<kind>/<namespace>/<name>/rule/<n>`,
    // httproute or grpcroute (its default; an EnvoyProxy's clusterStatName can rename it).
    metrics: {
      ...ENVOY_CLUSTER,
      clusterNames: (route, rule) => [
        `${(route.kind ?? 'HTTPRoute').toLowerCase()}/${route.namespace}/${route.name}/rule/${rule}`,
      ],
    },
  },
  {
    controllerName: 'projectcontour.io/gateway-controller',
    title: 'Contour',
    // Contour makes one cluster per backend Service and port, and gives its statistics the
    // alternative name `<namespace>_<service>_<port>` (its envoy.altStatName).
    metrics: {
      ...ENVOY_CLUSTER,
      clusterNames: (_route, _rule, backends) =>
        backends
          .filter((b) => b.kind === 'Service' && b.weight > 0 && b.port !== undefined)
          .map((b) => `${b.namespace}_${b.name}_${b.port}`),
    },
  },
  {
    controllerName: 'io.cilium/gateway-controller',
    title: 'Cilium',
    // Cilium's per-node Envoy (its metrics need envoy.prometheus enabled) gets a Gateway as the
    // CiliumEnvoyConfig cilium-gateway-<gateway> in the Gateway's namespace, one cluster per
    // backend Service and port, `<namespace>:<service>:<port>`, which the agent qualifies with
    // the config's namespace and name.
    metrics: {
      ...ENVOY_CLUSTER,
      clusterNames: (_route, _rule, backends, gateway) =>
        backends
          .filter((b) => b.kind === 'Service' && b.weight > 0 && b.port !== undefined)
          .map(
            (b) =>
              `${gateway.namespace}/cilium-gateway-${gateway.name}/${b.namespace}:${b.name}:${b.port}`,
          ),
    },
  },
  {
    controllerName: 'istio.io/gateway-controller',
    title: 'Istio',
    // Istio deploys `<gateway>-<class>` for a Gateway and labels it with the Gateway API's
    // gateway-name label (the default data-plane selector).
    metrics: {
      kind: 'istio-requests',
      requests: 'istio_requests_total',
      statusLabel: 'response_code',
      durationMs: 'istio_request_duration_milliseconds',
      gatewayWorkload: (g) => `${g.name}-${g.className}`,
    },
  },
  {
    controllerName: 'gateway.nginx.org/nginx-gateway-controller',
    title: 'NGINX Gateway Fabric',
    noRouteSeries:
      'NGINX Gateway Fabric’s open-source build exposes no per-route request series (only NGINX Plus has them)',
  },
];

/** The profile of a controller: an operator's override first, then the built-in one. */
export function gatewayProfileFor(controllerName: string): GatewayControllerProfile | undefined {
  return (
    controllerProfileOverrides().gateway.find((p) => p.controllerName === controllerName) ??
    GATEWAY_CONTROLLER_PROFILES.find((p) => p.controllerName === controllerName)
  );
}

/**
 * Where a Gateway's data plane is looked for: the controller's own labels (`declared`: pods must
 * exist), else the Gateway API's gateway-name label in the Gateway's own namespace, where
 * in-cluster deployments put it — a controller whose proxies are shared or outside the cluster
 * (per-node, cloud) has none, and that is no failure.
 */
export function dataPlaneSelector(
  controllerName: string,
  gateway: { namespace: string; name: string },
): { selector: string; namespace?: string; declared: boolean } {
  const own = gatewayProfileFor(controllerName)?.dataPlaneSelector?.(gateway);
  return own
    ? { selector: own, declared: true }
    : {
        selector: `gateway.networking.k8s.io/gateway-name=${gateway.name}`,
        namespace: gateway.namespace,
        declared: false,
      };
}
