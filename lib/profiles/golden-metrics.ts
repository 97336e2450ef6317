// Where a Service's requests, errors and latency come from, as data. A profile names the
// request counter, its status label, the latency histogram and how series are tied to the
// backend (by its pods, or by the Service labels). The first profile with series wins.

export interface GoldenProfile {
  id: string;
  title: string;
  requests: string;
  statusLabel: string;
  /** RE2 pattern of error statuses. */
  errorPattern: string;
  /** Histogram base name (the `_bucket` series is used). */
  histogram: string;
  /** Histogram unit; milliseconds are converted to seconds in the query. */
  latencyUnit: 'seconds' | 'milliseconds';
  select:
    | { by: 'pods'; namespaceLabel: string; podLabel: string }
    | { by: 'service'; namespaceLabel: string; serviceLabel: string };
  /** Extra fixed matchers (e.g. Istio's reporter). */
  extra?: readonly (readonly [string, string])[];
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
    select: { by: 'pods', namespaceLabel: 'namespace', podLabel: 'pod' },
  },
  {
    id: 'prometheus-client',
    title: 'app HTTP (http_request_duration_seconds)',
    requests: 'http_requests_total',
    statusLabel: 'code',
    errorPattern: '5..',
    histogram: 'http_request_duration_seconds',
    latencyUnit: 'seconds',
    select: { by: 'pods', namespaceLabel: 'namespace', podLabel: 'pod' },
  },
  {
    id: 'ingress-nginx',
    title: 'ingress-nginx upstream',
    requests: 'nginx_ingress_controller_requests',
    statusLabel: 'status',
    errorPattern: '5..',
    histogram: 'nginx_ingress_controller_response_duration_seconds',
    latencyUnit: 'seconds',
    select: { by: 'service', namespaceLabel: 'namespace', serviceLabel: 'service' },
  },
  {
    id: 'istio',
    title: 'Istio (istio_requests_total)',
    requests: 'istio_requests_total',
    statusLabel: 'response_code',
    errorPattern: '5..',
    histogram: 'istio_request_duration_milliseconds',
    latencyUnit: 'milliseconds',
    select: {
      by: 'service',
      namespaceLabel: 'destination_service_namespace',
      serviceLabel: 'destination_service_name',
    },
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
    select: { by: 'pods', namespaceLabel: 'namespace', podLabel: 'pod' },
    extra: [['direction', 'inbound']],
  },
];
