// What Hopscope knows about each ingress controller, as data: how to find its pods and its
// Service, and the names of the metrics it exports. Adding a controller is adding an entry, not
// code in a step.
import { controllerProfileOverrides } from './overrides';

/**
 * Which labels carry the Ingress's own namespace, name and backend Service in one install's
 * layout of the controller's series (`host` and `status` are never renamed: no scrape target
 * has them).
 */
export interface IngressMetricsLayout {
  id: string;
  namespaceLabel: string;
  ingressLabel: string;
  serviceLabel: string;
}

/**
 * The metric names of a controller that reports requests per Ingress and host (ingress-nginx's
 * layout: `namespace`, `ingress`, `host`, `status` labels; reloads per `controller_pod`).
 */
export interface IngressControllerMetrics {
  /** Request counter. */
  requests: string;
  /** Histogram (`_bucket`) of the whole request, controller and upstream. */
  requestDuration: string;
  /** Histogram (`_bucket`) of the upstream's answer. */
  upstreamResponseDuration: string;
  /** Histogram (`_bucket`) of connecting to the upstream. */
  upstreamConnectDuration: string;
  /** Gauge per Ingress with a `type` label: no Service, no endpoints. */
  orphanIngress: string;
  /** Gauge per controller pod: 1 when the last configuration reload succeeded. */
  reloadSuccessful: string;
  /** Gauge per host: Unix time the served certificate expires. */
  certificateExpiry: string;
  /** The labels every series of the controller names its own pod with (set by the controller itself). */
  podLabels: { namespace: string; pod: string };
  /** The label layouts its per-Ingress series arrive in, most common first; probed in order. */
  layouts: readonly IngressMetricsLayout[];
}

/**
 * The path's backend as a controller names it in its series: the Ingress's namespace, the
 * Service, the port as the Ingress writes it, and the Service port that resolves to (when read).
 */
export interface BackendRef {
  namespace: string;
  /** The Ingress that routes to it (some controllers name backends after it too). */
  ingress?: string;
  service: string;
  /** The Ingress's `port.name`, or its `port.number` as text. */
  ingressPort: string;
  servicePort?: { name?: string; port: number };
}

/**
 * One install's label layout of a backend-keyed controller: which of its own labels arrive
 * renamed (a ServiceMonitor without honorLabels turns a series' `service` into
 * `exported_service`, the scrape target's Service taking its place).
 */
export interface BackendMetricsLayout {
  id: string;
  renamed: Readonly<Record<string, string>>;
}

/**
 * The metrics of a controller that counts requests per backend (Traefik's services, Kong's
 * services and upstreams, HAProxy's backends), not per Ingress: the path's series are found by
 * the name the controller gives the backend.
 */
export interface BackendKeyedMetrics {
  kind: 'per-backend';
  /** The controller's name of the backend; null when it cannot be told (e.g. an unread port). */
  backendName(b: BackendRef): string | null;
  /** Other names the same backend goes by in other versions of the controller. */
  backendAliases?(b: BackendRef): string[];
  /** The label that carries that name on `requests` and `upstreamLatency`. */
  backendLabel: string;
  /** Request counter and the label holding the HTTP status (or status class: `5xx`). */
  requests: string;
  statusLabel: string;
  /**
   * The label and value that mark answers the backend gave, when the counter also counts the
   * controller's own (Kong's `source`: `service`, or `kong` for its 503 with no healthy target).
   */
  answeredBy?: readonly [string, string];
  /**
   * Matchers of the controller's own answers that still mean the backend failed (Kong's 502 and
   * 504: the upstream refused, reset or timed out), as against its 503 with no healthy target.
   */
  upstreamFailures?: readonly (readonly [string, '=' | '=~', string])[];
  /** Histogram (`_bucket`) of the upstream's answer, as the controller times it. */
  upstreamLatency?: { histogram: string; unit: 'seconds' | 'milliseconds' };
  /** Gauge per backend target whose value says the target is down. */
  targetHealth?: {
    metric: string;
    /** The label naming the backend's upstream, and the upstream's name. */
    upstreamLabel: string;
    upstreamName(b: BackendRef): string | null;
    /** The label naming the target (pod address or URL). */
    targetLabel: string;
    /** PromQL comparison after the selector that keeps the down targets, e.g. `== 0`. */
    down: string;
    /** Extra matchers of the down state (Kong reports one series per state). */
    downMatchers?: readonly (readonly [string, '=' | '=~', string])[];
  };
  layouts: readonly BackendMetricsLayout[];
}

export type IngressMetricsProfile =
  ({ kind: 'per-ingress' } & IngressControllerMetrics) | BackendKeyedMetrics;

export interface IngressControllerProfile {
  /** The IngressClass `spec.controller` value. */
  controller: string;
  title: string;
  /** Label selector of the controller pods (and of its Service), across namespaces. */
  podSelector: string;
  serviceSelector: string;
  /** Absent when Hopscope does not know the controller's metrics (then `noRouteSeries` says why). */
  metrics?: IngressMetricsProfile;
  /** Why there is nothing per Ingress to read, in words (said instead of showing nothing). */
  noRouteSeries?: string;
}

/** Honoured labels, and a ServiceMonitor without honorLabels (kube-prometheus-stack's default). */
const SERVICE_LABEL_LAYOUTS: readonly BackendMetricsLayout[] = [
  { id: 'direct', renamed: {} },
  { id: 'exported', renamed: { service: 'exported_service', namespace: 'exported_namespace' } },
];

/** Traefik's provider.Normalize: every run of characters other than letters and digits becomes `-`. */
function traefikNormalize(name: string): string {
  return name
    .split(/[^\p{L}\p{N}]+/u)
    .filter((x) => x !== '')
    .join('-');
}

export const INGRESS_CONTROLLER_PROFILES: readonly IngressControllerProfile[] = [
  {
    controller: 'k8s.io/ingress-nginx',
    title: 'ingress-nginx',
    podSelector: 'app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller',
    serviceSelector: 'app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller',
    metrics: {
      kind: 'per-ingress',
      requests: 'nginx_ingress_controller_requests',
      requestDuration: 'nginx_ingress_controller_request_duration_seconds',
      upstreamResponseDuration: 'nginx_ingress_controller_response_duration_seconds',
      upstreamConnectDuration: 'nginx_ingress_controller_connect_duration_seconds',
      orphanIngress: 'nginx_ingress_controller_orphan_ingress',
      reloadSuccessful: 'nginx_ingress_controller_config_last_reload_successful',
      certificateExpiry: 'nginx_ingress_controller_ssl_expire_time_seconds',
      podLabels: { namespace: 'controller_namespace', pod: 'controller_pod' },
      layouts: [
        // honorLabels (the ingress-nginx chart's option), or a scrape config keeping its labels
        {
          id: 'direct',
          namespaceLabel: 'namespace',
          ingressLabel: 'ingress',
          serviceLabel: 'service',
        },
        // a ServiceMonitor without honorLabels (kube-prometheus-stack): the target's namespace
        // (the controller's, e.g. ingress-nginx) and Service take `namespace` and `service`
        {
          id: 'exported',
          namespaceLabel: 'exported_namespace',
          ingressLabel: 'ingress',
          serviceLabel: 'exported_service',
        },
      ],
    },
  },
  {
    controller: 'nginx.org/ingress-controller',
    title: 'F5 NGINX Ingress Controller',
    podSelector: 'app.kubernetes.io/name=nginx-ingress',
    serviceSelector: 'app.kubernetes.io/name=nginx-ingress',
    noRouteSeries:
      'the F5 NGINX Ingress Controller’s open-source build exposes no per-Ingress or per-upstream request series (only NGINX Plus has them)',
  },
  {
    controller: 'traefik.io/ingress-controller',
    title: 'Traefik',
    podSelector: 'app.kubernetes.io/name=traefik',
    serviceSelector: 'app.kubernetes.io/name=traefik',
    // Traefik's kubernetesingress provider names a backend Normalize(`<ns>-<service>-<port>`),
    // the port as the Ingress writes it, qualified by the provider: `@kubernetes`. Service
    // labels need `metrics.prometheus.addServicesLabels` (the chart's default).
    metrics: {
      kind: 'per-backend',
      backendName: (b) =>
        `${traefikNormalize(`${b.namespace}-${b.service}-${b.ingressPort}`)}@kubernetes`,
      backendLabel: 'service',
      requests: 'traefik_service_requests_total',
      statusLabel: 'code',
      upstreamLatency: { histogram: 'traefik_service_request_duration_seconds', unit: 'seconds' },
      // 1 or 0 per server URL, set only where the service has a health check.
      targetHealth: {
        metric: 'traefik_service_server_up',
        upstreamLabel: 'service',
        upstreamName: (b) =>
          `${traefikNormalize(`${b.namespace}-${b.service}-${b.ingressPort}`)}@kubernetes`,
        targetLabel: 'url',
        down: '== 0',
      },
      layouts: SERVICE_LABEL_LAYOUTS,
    },
  },
  {
    controller: 'ingress-controllers.konghq.com/kong',
    title: 'Kong',
    podSelector: 'app.kubernetes.io/name=kong',
    serviceSelector: 'app.kubernetes.io/name=kong',
    // The Kong Ingress Controller makes one Kong service per Service and port, named (by version)
    // `<ns>.<service>.<port>`, `<ns>.<ingress>.<service>.<port>` (combined routes, 2.8+) or
    // `<ns>.<service>.pnum-<n>` / `pname-<name>` (before); its upstream is always
    // `<service>.<ns>.<port>.svc`; the port as the Ingress writes it. The prometheus plugin's
    // upstream health needs `upstream_health_metrics`.
    metrics: {
      kind: 'per-backend',
      backendName: (b) => `${b.namespace}.${b.service}.${b.ingressPort}`,
      backendAliases: (b) => [
        ...(b.ingress ? [`${b.namespace}.${b.ingress}.${b.service}.${b.ingressPort}`] : []),
        `${b.namespace}.${b.service}.${/^\d+$/.test(b.ingressPort) ? 'pnum' : 'pname'}-${b.ingressPort}`,
      ],
      backendLabel: 'service',
      requests: 'kong_http_requests_total',
      statusLabel: 'code',
      answeredBy: ['source', 'service'],
      upstreamFailures: [
        ['source', '=', 'kong'],
        ['code', '=~', '502|504'],
      ],
      upstreamLatency: { histogram: 'kong_upstream_latency_ms', unit: 'milliseconds' },
      // One series per state (healthchecks_off, healthy, unhealthy, dns_error), 1 on the current.
      targetHealth: {
        metric: 'kong_upstream_target_health',
        upstreamLabel: 'upstream',
        upstreamName: (b) => `${b.service}.${b.namespace}.${b.ingressPort}.svc`,
        targetLabel: 'address',
        down: '== 1',
        downMatchers: [['state', '=~', 'unhealthy|dns_error']],
      },
      layouts: SERVICE_LABEL_LAYOUTS,
    },
  },
  {
    controller: 'haproxy.org/ingress-controller/haproxy',
    title: 'HAProxy Kubernetes Ingress',
    podSelector: 'app.kubernetes.io/name=kubernetes-ingress',
    serviceSelector: 'app.kubernetes.io/name=kubernetes-ingress',
    // HAProxy's own exporter; the controller names the backend `<ns>_svc_<service>_<port>`, the
    // Service port's name when it has one, else its number (so the Service must have been read).
    // Responses are counted per status class: code="5xx".
    metrics: {
      kind: 'per-backend',
      backendName: (b) =>
        b.servicePort
          ? `${b.namespace}_svc_${b.service}_${b.servicePort.name || String(b.servicePort.port)}`
          : null,
      backendLabel: 'proxy',
      requests: 'haproxy_backend_http_responses_total',
      statusLabel: 'code',
      layouts: [{ id: 'direct', renamed: {} }],
    },
  },
];

/** A label of a backend-keyed controller's series as it arrives in one layout. */
export function layoutLabel(layout: BackendMetricsLayout, label: string): string {
  return layout.renamed[label] ?? label;
}

/** The profile of a controller: an operator's override first, then the built-in one. */
export function profileForController(controller: string): IngressControllerProfile | undefined {
  return (
    controllerProfileOverrides().ingress.find((p) => p.controller === controller) ??
    INGRESS_CONTROLLER_PROFILES.find((p) => p.controller === controller)
  );
}

/** Every name the controller may give the backend, its own first; null when it cannot be told. */
export function backendNamesOf(m: BackendKeyedMetrics, b: BackendRef): string[] | null {
  const name = m.backendName(b);
  return name ? [name, ...(m.backendAliases?.(b) ?? [])] : null;
}
