// Step 5 for a path entering through a Gateway (Gateway API): the HTTPRoute, the Gateways it
// attaches to and their classes, judged by their own status conditions (the reason in the
// sentence) and by what the status cannot say (no rule for the host and path, a backendRef to a
// missing Service or port, every weight 0, a cross-namespace reference without a ReferenceGrant).
import type { CodeEntry } from './code-entry';

export const STEP_5_GATEWAY_CODES = {
  GATEWAY_ROUTE_NOT_FOUND: {
    step: 5,
    meaning: 'The HTTPRoute of the path does not exist.',
    why: 'No Gateway routes the host and path to a backend.',
    fix: 'Create the HTTPRoute or pick the right one.',
  },
  GATEWAY_ROUTE_NOT_ATTACHED: {
    step: 5,
    meaning:
      'The HTTPRoute names no parent, or no controller has attached it to one (empty status.parents).',
    why: 'A route attached to nothing is served by no Gateway.',
    fix: 'Name a Gateway in spec.parentRefs (and a listener in sectionName), then check that its controller accepts the route.',
  },
  GATEWAY_ROUTE_NOT_ACCEPTED: {
    step: 5,
    meaning:
      "The Gateway's controller did not accept the route for that parent (status.parents[].conditions Accepted=False).",
    why: 'The Gateway does not serve the route: NotAllowedByListeners, NoMatchingListenerHostname, NoMatchingParent or UnsupportedValue say why.',
    fix: "Make the listener allow the route's namespace and kind, the hostnames overlap, and sectionName/port name a listener.",
  },
  GATEWAY_ROUTE_REFS_UNRESOLVED: {
    step: 5,
    meaning: 'A reference of the route could not be resolved (ResolvedRefs=False).',
    why: 'RefNotPermitted, InvalidKind, BackendNotFound or UnsupportedProtocol: the rule answers 500 for the share of traffic its bad backend would get.',
    fix: 'Fix the backendRef (kind, name, port), or add the ReferenceGrant a cross-namespace reference needs.',
  },
  GATEWAY_ROUTE_PARTIALLY_INVALID: {
    step: 5,
    meaning: 'The controller dropped some rules of the route as invalid (PartiallyInvalid=True).',
    why: 'The dropped rules serve nothing.',
    fix: 'Read the condition message and fix the rules it names.',
  },
  GATEWAY_STATUS_STALE: {
    step: 5,
    meaning:
      'A status condition was written for an older generation of the object than the current one (observedGeneration behind metadata.generation).',
    why: 'The controller has not processed the latest edit (it may be down or lagging): what the status says describes the object as it was.',
    fix: "Check the Gateway controller's pods and logs.",
  },
  GATEWAY_NO_RULE_MATCH: {
    step: 5,
    meaning: 'No rule of the HTTPRoute matches the host and path (hostnames and path matches).',
    why: 'The Gateway answers 404 for the request.',
    fix: "Add the host to spec.hostnames or a match for the path to the route's rules.",
  },
  GATEWAY_RULE_CONDITIONAL: {
    step: 5,
    meaning:
      'The only rule of the HTTPRoute that admits the host and path also needs headers, query parameters or a method.',
    why: 'A request without them gets 404; one with them is served: which one the users send is not known here.',
    fix: 'Check that the clients send what the rule needs, or add a rule for the plain path.',
  },
  GATEWAY_BACKEND_NOT_SERVICE: {
    step: 5,
    meaning: "The matched rule's backendRef is not a Service: Hopscope follows Services only.",
    why: 'What lies behind it was not examined.',
    fix: 'Inspect that backend with its own tools.',
  },
  GATEWAY_BACKEND_SERVICE_MISSING: {
    step: 5,
    meaning: "The matched rule's backend Service does not exist.",
    why: 'The Gateway answers 500 for the traffic that backend would get.',
    fix: 'Create the Service or fix the name in the backendRef.',
  },
  GATEWAY_BACKEND_PORT_MISSING: {
    step: 5,
    meaning: "The matched rule's backendRef port is not a port of the Service.",
    why: 'The Gateway has no upstream on that port.',
    fix: 'Use a port the Service defines.',
  },
  GATEWAY_BACKEND_WEIGHTS_ZERO: {
    step: 5,
    meaning: 'Every backendRef of the matched rule has weight 0.',
    why: 'The rule sends no traffic anywhere: the Gateway answers 500.',
    fix: 'Give at least one backendRef a positive weight.',
  },
  GATEWAY_REFERENCEGRANT_MISSING: {
    step: 5,
    meaning:
      "A backendRef names a Service in another namespace, and no ReferenceGrant there allows HTTPRoutes of the route's namespace to reach it.",
    why: 'The Gateway refuses the reference (RefNotPermitted) and answers 500 for that backend.',
    fix: "Create a ReferenceGrant in the Service's namespace from HTTPRoute in the route's namespace to that Service.",
  },
  GATEWAY_NOT_FOUND: {
    step: 5,
    meaning: 'A Gateway the route names does not exist.',
    why: 'Nothing listens for the route there.',
    fix: 'Fix spec.parentRefs or create the Gateway.',
  },
  GATEWAY_NO_DATA_PLANE: {
    step: 5,
    meaning:
      "No Service or pod carries the labels the Gateway's controller gives the proxies it provisions for this Gateway.",
    why: 'Whatever its status says, no proxy answers on the Gateway’s address.',
    fix: 'Look at the controller’s logs and the Deployment it should have created for the Gateway; check the labels if the data plane is deployed by hand.',
  },
  GATEWAY_DATA_PLANE_POD_UNHEALTHY: {
    step: 5,
    meaning: "A proxy pod of the Gateway's data plane is not ready.",
    why: 'It is out of rotation; when every one is, the Gateway answers nothing.',
    fix: '`kubectl describe` and `kubectl logs` the pod: a crash, failed readiness, or no configuration from the controller.',
  },
  GATEWAY_CLASS_NOT_ACCEPTED: {
    step: 5,
    meaning:
      "The Gateway's GatewayClass does not exist, or its controller has not accepted it (Accepted not True).",
    why: 'No controller programs Gateways of that class.',
    fix: 'Install the controller named in spec.controllerName, or use a class it accepts.',
  },
  GATEWAY_NOT_ACCEPTED: {
    step: 5,
    meaning: 'The controller did not accept the Gateway (Accepted=False).',
    why: 'Invalid, InvalidParameters, UnsupportedAddress or ListenersNotValid: the Gateway is not served as written.',
    fix: 'Read the condition message and fix the Gateway spec.',
  },
  GATEWAY_NOT_PROGRAMMED: {
    step: 5,
    meaning: 'The Gateway is not programmed in its data plane (Programmed not True).',
    why: 'Invalid, NoResources, AddressNotAssigned, AddressNotUsable or Pending: traffic to it is not served.',
    fix: "Read the condition message; check the controller's logs and the data plane's Service and pods.",
  },
  GATEWAY_LISTENER_HOSTNAME_MISMATCH: {
    step: 5,
    meaning: "No listener of the Gateway that the route attaches to admits the path's host.",
    why: 'The Gateway does not route the host to this route.',
    fix: 'Add a listener for the host, or widen its hostname (e.g. *.example.com).',
  },
  GATEWAY_LISTENER_UNHEALTHY: {
    step: 5,
    meaning:
      'A listener that serves the host is conflicted, not accepted, not programmed or has unresolved references.',
    why: 'HostnameConflict, ProtocolConflict, PortUnavailable, UnsupportedProtocol, InvalidRouteKinds or an invalid certificate reference: the listener does not serve.',
    fix: "Read the listener's condition message and fix the listener.",
  },
  GATEWAY_METRICS_UNKNOWN: {
    step: 5,
    source: 'prometheus',
    meaning:
      "The Gateway's requests, errors and latency were not read: its controller has no metrics profile, exposes no per-route series, or no Prometheus serves the cluster.",
    why: 'The Gateway may be programmed and still answer errors: that part was not examined.',
    fix: 'Check the controller’s own dashboards; a profile for it can be added (lib/profiles/gateway-controllers.ts).',
  },
  GATEWAY_5XX_HIGH: {
    step: 5,
    source: 'prometheus',
    meaning: "A share of the Gateway's upstream responses for the route's rule are 5xx.",
    why: 'Users of the host get errors.',
    fix: 'Look at the backend pods (step 1) and their logs; a 503 with no healthy upstream points at the endpoints (step 4).',
  },
  GATEWAY_UPSTREAM_SLOW: {
    step: 5,
    source: 'prometheus',
    meaning: "The Gateway's upstream p99 for the route's rule is several times yesterday's.",
    why: 'The backend answers slowly; the Gateway is not the cause.',
    fix: "Look at the backend's golden metrics (step 2) and saturation (step 1).",
  },
  GATEWAY_UPSTREAM_CONNECT_FAILING: {
    step: 5,
    source: 'prometheus',
    meaning: 'The Gateway fails to connect to backend pods of the route.',
    why: 'Requests that hit those pods fail or are retried.',
    fix: 'Check that the pods listen on the targetPort and that NetworkPolicies admit the Gateway.',
  },
} as const satisfies Record<string, CodeEntry>;
