// What Hopscope knows about each ingress controller, as data: how to find its pods and its
// Service, and the names of the metrics it exports. Adding a controller is adding an entry, not
// code in a step.

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

export interface IngressControllerProfile {
  /** The IngressClass `spec.controller` value. */
  controller: string;
  title: string;
  /** Label selector of the controller pods (and of its Service), across namespaces. */
  podSelector: string;
  serviceSelector: string;
  /** Absent when Hopscope does not know the controller's metrics. */
  metrics?: IngressControllerMetrics;
}

export const INGRESS_CONTROLLER_PROFILES: readonly IngressControllerProfile[] = [
  {
    controller: 'k8s.io/ingress-nginx',
    title: 'ingress-nginx',
    podSelector: 'app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller',
    serviceSelector: 'app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller',
    metrics: {
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
  },
  {
    controller: 'traefik.io/ingress-controller',
    title: 'Traefik',
    podSelector: 'app.kubernetes.io/name=traefik',
    serviceSelector: 'app.kubernetes.io/name=traefik',
  },
  {
    controller: 'haproxy.org/ingress-controller/haproxy',
    title: 'HAProxy Kubernetes Ingress',
    podSelector: 'app.kubernetes.io/name=kubernetes-ingress',
    serviceSelector: 'app.kubernetes.io/name=kubernetes-ingress',
  },
];

export function profileForController(controller: string): IngressControllerProfile | undefined {
  return INGRESS_CONTROLLER_PROFILES.find((p) => p.controller === controller);
}

/**
 * The controller whose metric layout the Ingress step reads today, whatever the IngressClass
 * names: ingress-nginx.
 */
export const INGRESS_METRICS_PROFILE: IngressControllerProfile & {
  metrics: IngressControllerMetrics;
} = (() => {
  const p = profileForController('k8s.io/ingress-nginx');
  if (!p?.metrics) throw new Error('the ingress-nginx profile must name its metrics');
  return { ...p, metrics: p.metrics };
})();
