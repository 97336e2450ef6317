// Step 6 — Path trace: probes along the path, tier by tier, from the client's side.
import type { CodeEntry } from './code-entry';

export const STEP_6_CODES = {
  TRACE_DNS_FAILING: {
    step: 6,
    source: 'probes',
    meaning: "Questions for the Service's name to the cluster DNS server failed (some or all).",
    why: 'Clients that connect by name never reach the Service, even when its VIP answers.',
    fix: "Look at CoreDNS (step 3): its pods, its logs, and the kube-dns Service's endpoints.",
  },
  TRACE_VIP_FAILING_PODS_ANSWER: {
    step: 6,
    source: 'probes',
    meaning: 'Connections to the Service VIP failed while every endpoint pod answered directly.',
    why: "The pods are fine; what maps the VIP to them on the client's node (kube-proxy's rules) or the Service port mapping is broken.",
    fix: "Check kube-proxy on the client's node (step 4) and the Service's port and targetPort.",
  },
  TRACE_ENDPOINT_FAILING: {
    step: 6,
    source: 'probes',
    meaning: 'Connections straight to an endpoint pod IP failed (some or all).',
    why: 'Requests the VIP sends to this pod fail: an intermittent share of them when only some tries fail.',
    fix: 'Look at the pod (step 1): restarts, readiness, and whether another live pod holds the same IP.',
  },
  TRACE_NO_FIRST_BYTE: {
    step: 6,
    source: 'probes',
    meaning: 'An endpoint pod accepted the connection but never sent a first byte.',
    why: 'The network is fine: the app is hung (a blocked stdout, a deadlock, an exhausted pool).',
    fix: "Look at the app: its logs' last line, its threads; restart the pod if it cannot be freed.",
  },
  TRACE_NODEPORT_FAILING: {
    step: 6,
    source: 'probes',
    meaning: "Connections to a node's NodePort failed (some or all).",
    why: 'Clients entering by that node do not reach the Service.',
    fix: "Check kube-proxy on that node and the Service's externalTrafficPolicy (step 4).",
  },
  TRACE_INGRESS_FAILING: {
    step: 6,
    source: 'probes',
    meaning: "Requests for the Ingress host through the controller's address failed (some or all).",
    why: 'Users of the host do not reach the backend.',
    fix: "Look at the controller's pods and its log for this host (step 5).",
  },
  TRACE_GATEWAY_FAILING: {
    step: 6,
    source: 'probes',
    meaning: "Requests for the host through the Gateway's data-plane Service failed (some or all).",
    why: 'Users of the host do not reach the backend through the Gateway.',
    fix: "Look at the Gateway's status, its proxies and their logs for this host (step 5).",
  },
  TRACE_SLOW: {
    step: 6,
    source: 'probes',
    meaning: 'Probes that answered took long, and the tiers show where the time goes.',
    why: 'Users wait that long at least; the tier that holds the time is where to look.',
    fix: "Look at the hop named: the backend's own latency (step 2), the ingress controller's overhead (step 5), or DNS (step 3).",
  },
  TRACE_NOT_PROBED: {
    step: 6,
    source: 'probes',
    meaning:
      'A tier of the path could not be probed (outside the path, or the run ran out of time).',
    why: 'Nothing is known of that tier from probes.',
    fix: 'Run the trace again, or with fewer tries.',
  },
} as const satisfies Record<string, CodeEntry>;
