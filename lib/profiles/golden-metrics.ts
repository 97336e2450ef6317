// Where a Service's requests, errors and latency come from, as data. A profile names the
// request counter, its status label, the latency histogram and how series are tied to the
// backend (by its pods, or by the Service labels) in each label layout installs produce. The
// first (profile, layout) with series wins.
import type { EnvoyClusterMetrics } from './gateway-controllers';

/** A label matcher, as PromQL writes it (the query builders' Matcher). */
export type LabelMatcher = readonly [label: string, op: '=' | '!=' | '=~' | '!~', value: string];
import {
  backendNamesOf,
  layoutLabel,
  type BackendRef,
  type IngressControllerProfile,
} from './ingress-controllers';

/**
 * Which labels carry the backend's namespace and pod (or Service) in one install's layout. When
 * a ServiceMonitor or PodMonitor does not honour labels (the kube-prometheus-stack default), the
 * series' own `namespace` / `pod` / `service` arrive as `exported_*` and the scrape target's take
 * their place.
 */
export type GoldenLayout =
  | { id: string; by: 'pods'; namespaceLabel: string; podLabel: string }
  | { id: string; by: 'service'; namespaceLabel: string; serviceLabel: string }
  /** A controller's own name of the backend (Traefik's service, HAProxy's proxy), in one label. */
  | { id: string; by: 'name'; label: string; names: readonly string[] }
  /** Matchers made for the path (a Gateway's Envoy clusters of the route's rule). */
  | { id: string; by: 'matchers'; matchers: readonly LabelMatcher[] };

/** The series carry the backend's pod labels themselves (the scrape target is the pod). */
const PODS: GoldenLayout = {
  id: 'direct',
  by: 'pods',
  namespaceLabel: 'namespace',
  podLabel: 'pod',
};
/** The app labels its series with its own namespace and pod, scraped without honorLabels. */
const PODS_EXPORTED: GoldenLayout = {
  id: 'exported',
  by: 'pods',
  namespaceLabel: 'exported_namespace',
  podLabel: 'exported_pod',
};

export interface GoldenProfile {
  id: string;
  title: string;
  requests: string;
  statusLabel: string;
  /** RE2 pattern of error statuses. */
  errorPattern: string;
  /** Histogram base name (the `_bucket` series is used); absent when the source times nothing. */
  histogram?: string;
  /** Histogram unit; milliseconds are converted to seconds in the query. */
  latencyUnit: 'seconds' | 'milliseconds';
  /** The label layouts its series arrive in, most common first; probed in this order. */
  layouts: readonly GoldenLayout[];
  /** Extra fixed matchers (e.g. Istio's reporter). */
  extra?: readonly (readonly [string, string])[];
  /**
   * When the source also counts answers it gave itself (a controller's 503 with no healthy
   * target), the label and value of the backend's own answers: rate and errors are the
   * backend's, and what the source was offered is read beside them.
   */
  answeredBy?: readonly [string, string];
  /** The source's own answers that still count as the backend's errors (Kong's 502 and 504). */
  upstreamFailures?: readonly (readonly [string, '=' | '=~', string])[];
  /**
   * A counter, with the same matchers, of requests the source answered itself without asking
   * the backend (Envoy's `upstream_cx_none_healthy`: its "no healthy upstream" 503, which it
   * also counts among the upstream's 5xx): taken apart from the backend's answers.
   */
  ownAnswers?: string;
  /** The series count only requests that came through this ingress controller. */
  through?: string;
}

export const GOLDEN_PROFILES: readonly GoldenProfile[] = [
  {
    id: 'micrometer',
    title: 'app HTTP (http_server_requests_seconds)',
    requests: 'http_server_requests_seconds_count',
    statusLabel: 'status',
    errorPattern: '5..',
    histogram: 'http_server_requests_seconds',
    latencyUnit: 'seconds',
    layouts: [PODS, PODS_EXPORTED],
  },
  {
    id: 'prometheus-client',
    title: 'app HTTP (http_request_duration_seconds)',
    requests: 'http_requests_total',
    statusLabel: 'code',
    errorPattern: '5..',
    histogram: 'http_request_duration_seconds',
    latencyUnit: 'seconds',
    layouts: [PODS, PODS_EXPORTED],
  },
  {
    id: 'ingress-nginx',
    title: 'ingress-nginx upstream',
    requests: 'nginx_ingress_controller_requests',
    statusLabel: 'status',
    errorPattern: '5..',
    histogram: 'nginx_ingress_controller_response_duration_seconds',
    latencyUnit: 'seconds',
    layouts: [
      // honorLabels, or a scrape config that keeps the controller's labels
      { id: 'direct', by: 'service', namespaceLabel: 'namespace', serviceLabel: 'service' },
      // the kube-prometheus-stack's ServiceMonitor: namespace/service are the controller's own
      {
        id: 'exported',
        by: 'service',
        namespaceLabel: 'exported_namespace',
        serviceLabel: 'exported_service',
      },
    ],
  },
  {
    id: 'istio',
    title: 'Istio (istio_requests_total)',
    requests: 'istio_requests_total',
    statusLabel: 'response_code',
    errorPattern: '5..',
    histogram: 'istio_request_duration_milliseconds',
    latencyUnit: 'milliseconds',
    // Istio's own label names never collide with a scrape target's.
    layouts: [
      {
        id: 'direct',
        by: 'service',
        namespaceLabel: 'destination_service_namespace',
        serviceLabel: 'destination_service_name',
      },
    ],
    extra: [['reporter', 'destination']],
  },
  {
    id: 'linkerd',
    title: 'Linkerd (response_total)',
    requests: 'response_total',
    statusLabel: 'status_code',
    errorPattern: '5..',
    histogram: 'response_latency_ms',
    latencyUnit: 'milliseconds',
    // The proxy is the scrape target: namespace and pod are the target's, which is the backend pod.
    layouts: [PODS],
    extra: [['direction', 'inbound']],
  },
];

/**
 * The path's ingress controller as a golden source: the requests it counts for this backend, by
 * the name it gives the backend. Read after the app's own series, and only on an Ingress path,
 * where the backend's name is known exactly (namespace, Service and port as the Ingress writes it).
 */
export function controllerGoldenProfile(
  controller: IngressControllerProfile,
  backend: BackendRef,
): GoldenProfile | undefined {
  const m = controller.metrics;
  if (m?.kind !== 'per-backend') return undefined;
  const names = backendNamesOf(m, backend);
  if (!names) return undefined;
  return {
    id: `ingress.${controller.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    title: `${controller.title} (${m.requests})`,
    requests: m.requests,
    statusLabel: m.statusLabel,
    // Full status (500) or its class (5xx): both match.
    errorPattern: '5..',
    histogram: m.upstreamLatency?.histogram,
    latencyUnit: m.upstreamLatency?.unit ?? 'seconds',
    layouts: m.layouts.map((l) => ({
      id: l.id,
      by: 'name',
      label: layoutLabel(l, m.backendLabel),
      names,
    })),
    answeredBy: m.answeredBy,
    upstreamFailures: m.upstreamFailures,
    through: controller.title,
  };
}

/**
 * A Gateway's Envoy as a golden source: the upstream requests of the route rule's clusters, by
 * response class, its own "no healthy upstream" answers apart. Read after the app's own series.
 */
export function gatewayGoldenProfile(
  title: string,
  names: EnvoyClusterMetrics,
  matchers: readonly LabelMatcher[],
): GoldenProfile {
  return {
    id: 'gateway.envoy',
    title: `${title} (${names.responsesByClass})`,
    requests: names.responsesByClass,
    statusLabel: names.classLabel,
    errorPattern: '5',
    histogram: names.requestTimeMs,
    latencyUnit: 'milliseconds',
    layouts: [{ id: 'direct', by: 'matchers', matchers }],
    ownAnswers: names.noHealthyUpstream,
    through: title,
  };
}
