// What Hopscope knows about each ingress controller, as data: how to find its pods and its
// Service. Adding a controller is adding an entry, not code in a step.

export interface IngressControllerProfile {
  /** The IngressClass `spec.controller` value. */
  controller: string;
  title: string;
  /** Label selector of the controller pods (and of its Service), across namespaces. */
  podSelector: string;
  serviceSelector: string;
}

export const INGRESS_CONTROLLER_PROFILES: readonly IngressControllerProfile[] = [
  {
    controller: 'k8s.io/ingress-nginx',
    title: 'ingress-nginx',
    podSelector: 'app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller',
    serviceSelector: 'app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller',
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
