// Step 5 — Ingress: class and controller, the matching rule, backend, TLS, and the controller's
// request, upstream and reload metrics.
import type { CodeEntry } from './code-entry';

export const STEP_5_CODES = {
  INGRESS_NOT_FOUND: {
    step: 5,
    meaning: 'The Ingress of the path does not exist.',
    why: 'The controller has no route for the host.',
    fix: 'Create the Ingress or pick the right one.',
  },
  INGRESS_CLASS_MISSING: {
    step: 5,
    meaning:
      'The Ingress names an IngressClass that does not exist, or names none and there is no default.',
    why: 'No controller claims the Ingress: its rules are never served.',
    fix: 'Set spec.ingressClassName to an existing class.',
  },
  INGRESS_CONTROLLER_UNKNOWN: {
    step: 5,
    meaning: "The IngressClass's controller is not in Hopscope's controller profiles.",
    why: 'Its pods and metrics cannot be found, so the controller hop is unknown.',
    fix: 'Add a profile for this controller.',
  },
  INGRESS_NO_CONTROLLER_PODS: {
    step: 5,
    meaning: 'No pod of the ingress controller was found.',
    why: 'Nothing serves the Ingress.',
    fix: 'Check the controller Deployment / DaemonSet.',
  },
  INGRESS_CONTROLLER_POD_UNHEALTHY: {
    step: 5,
    meaning: 'An ingress controller pod is not ready or restarting.',
    why: 'Requests routed to it fail; others carry the load.',
    fix: 'Read the controller logs.',
  },
  INGRESS_NO_RULE_MATCH: {
    step: 5,
    meaning: 'No rule of the Ingress matches the host and path, and there is no default backend.',
    why: 'The controller answers 404 (or its default backend).',
    fix: 'Add a rule for the host and path, or fix pathType / host.',
  },
  INGRESS_BACKEND_NOT_SERVICE: {
    step: 5,
    meaning: 'The matching rule points at a resource backend, not a Service.',
    why: 'This path cannot be followed to pods.',
    fix: 'Inspect the resource backend.',
  },
  INGRESS_BACKEND_SERVICE_MISSING: {
    step: 5,
    meaning: "The matching rule's backend Service does not exist.",
    why: 'The controller answers 503.',
    fix: 'Create the Service or fix the name in the rule.',
  },
  INGRESS_BACKEND_PORT_MISSING: {
    step: 5,
    meaning: "The matching rule's backend port is not a port of the Service.",
    why: 'The controller has no upstream: it answers 503.',
    fix: 'Use a port name or number that the Service defines.',
  },
  INGRESS_TLS_HOST_NOT_COVERED: {
    step: 5,
    meaning: 'The Ingress has TLS, but not for this host.',
    why: 'HTTPS clients get the default certificate and fail verification.',
    fix: 'Add the host to a tls entry.',
  },
  INGRESS_TLS_SECRET_MISSING: {
    step: 5,
    meaning: 'The TLS Secret named for the host does not exist.',
    why: 'The controller serves its fake default certificate.',
    fix: 'Create the Secret (cert-manager, or `kubectl create secret tls`).',
  },
  INGRESS_TLS_NOT_CHECKED: {
    step: 5,
    meaning:
      'Whether the TLS Secret for the host exists was not checked: reading Secrets is off, and neither cert-manager nor an event said.',
    why: 'A missing Secret makes the controller serve its default certificate; it cannot be ruled out.',
    fix: 'Check the Secret yourself, or let Hopscope read Secret metadata: grant get on secrets and set HOPSCOPE_READ_TLS_SECRETS=1.',
  },
  INGRESS_TLS_CERTIFICATE_NOT_READY: {
    step: 5,
    meaning: "cert-manager's Certificate for the host's TLS Secret is not Ready.",
    why: 'Without a valid certificate in the Secret the controller serves its default one, or an expired one.',
    fix: 'Read the Certificate, its CertificateRequest and Order: the issuer usually says why.',
  },
  INGRESS_TLS_WARNING_EVENT: {
    step: 5,
    meaning: 'A Warning event about the Ingress names its TLS Secret.',
    why: 'The controller or cert-manager could not use the Secret for the host.',
    fix: 'Read the event and the Secret it names.',
  },
  INGRESS_5XX_HIGH: {
    source: 'prometheus',
    step: 5,
    meaning: 'A high share of requests for this Ingress and host end in 5xx at the controller.',
    why: 'Those requests fail for the clients.',
    fix: 'Compare with the backend errors: 502/503/504 without backend errors point at the controller or its upstream list.',
  },
  INGRESS_4XX_HIGH: {
    source: 'prometheus',
    step: 5,
    meaning: 'Most requests for this Ingress and host end in 4xx.',
    why: 'Often a routing mistake (404) or auth in front of the app.',
    fix: 'Check the rules and the paths clients request.',
  },
  INGRESS_METRICS_UNKNOWN: {
    source: 'prometheus',
    step: 5,
    meaning:
      "The ingress controller's requests, errors and latency for this path were not read: its controller exposes no per-Ingress series, or the name it gives the backend could not be told.",
    why: 'The controller may serve the Ingress and still answer errors: that part was not examined.',
    fix: 'Check the controller’s own dashboards; a profile for it can be added (lib/profiles/ingress-controllers.ts).',
  },
  INGRESS_UPSTREAM_TARGETS_DOWN: {
    source: 'prometheus',
    step: 5,
    meaning:
      "The ingress controller's own health checks mark backend targets of this path down (Kong's upstream target health, Traefik's server up).",
    why: 'The controller stops sending to those targets; with every target down it answers 503 itself, whatever the pods report.',
    fix: 'Compare the controller’s health-check path, port and timeouts with the pods’ readiness probe; curl the target from a controller pod.',
  },
  INGRESS_UPSTREAM_SLOW: {
    source: 'prometheus',
    step: 5,
    meaning:
      'Upstream (backend) response p99 through the controller is several times its baseline.',
    why: 'The controller is fine; the backend answers slowly.',
    fix: 'Look at the backend: saturation, dependencies, recent deploys.',
  },
  INGRESS_CONTROLLER_OVERHEAD: {
    source: 'prometheus',
    step: 5,
    meaning: 'Request latency at the controller exceeds the upstream latency by a lot.',
    why: 'Time is lost in the controller itself (queueing, TLS, buffering).',
    fix: 'Check controller CPU, worker connections and buffering settings.',
  },
  INGRESS_UPSTREAM_CONNECT_SLOW: {
    source: 'prometheus',
    step: 5,
    meaning:
      'The controller takes long to open connections to the backend pods (connect time p99).',
    why: 'Pods accept connections slowly (full listen queues) or the network to them drops SYNs.',
    fix: "Check listen overflows and conntrack on the backend nodes, and the pods' accept loop.",
  },
  INGRESS_ORPHANED: {
    source: 'prometheus',
    step: 5,
    meaning:
      'The controller reports this Ingress as orphaned: its Service is missing or has no endpoints.',
    why: 'Requests for it get 503 from the controller.',
    fix: 'Fix the backend Service or its endpoints (steps 1 and 4).',
  },
  INGRESS_RELOAD_FAILED: {
    source: 'prometheus',
    step: 5,
    meaning: "The controller's last configuration reload failed.",
    why: 'It still serves the previous configuration: recent Ingress changes are not live.',
    fix: 'Read the controller logs for the rejected configuration (often an annotation snippet).',
  },
  INGRESS_CERT_EXPIRING: {
    source: 'prometheus',
    step: 5,
    meaning: 'The certificate served for the host expires soon, or has expired.',
    why: 'Clients will refuse the connection once it expires.',
    fix: 'Renew the certificate (check cert-manager).',
  },
} as const satisfies Record<string, CodeEntry>;
