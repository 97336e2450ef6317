// Step 3 — DNS: the cluster DNS Service, CoreDNS pods and Corefile, the client's DNS settings,
// the external name, and CoreDNS metrics.
import type { CodeEntry } from './code-entry';

export const STEP_3_CODES = {
  DNS_SERVICE_MISSING: {
    step: 3,
    meaning: 'There is no kube-system/kube-dns Service.',
    why: 'Pods with ClusterFirst DNS have no cluster resolver: no Service name resolves.',
    fix: 'Recreate the kube-dns Service for CoreDNS.',
  },
  DNS_NO_READY_ENDPOINTS: {
    step: 3,
    meaning: 'The cluster DNS Service has no ready endpoints.',
    why: 'Every lookup from a pod times out.',
    fix: 'Bring CoreDNS pods back: check their logs and their nodes.',
  },
  DNS_PODS_UNHEALTHY: {
    step: 3,
    meaning: 'Some CoreDNS pods are not ready or restarting.',
    why: 'Fewer resolvers carry the load; lookups routed to a broken one time out.',
    fix: 'Check the CoreDNS pods and their logs.',
  },
  DNS_COREFILE_MISSING: {
    step: 3,
    meaning: 'The coredns ConfigMap has no Corefile.',
    why: 'CoreDNS configuration cannot be checked, and a restarted CoreDNS would not start.',
    fix: 'Restore the coredns ConfigMap.',
  },
  DNS_COREFILE_NO_KUBERNETES: {
    step: 3,
    meaning: 'The Corefile has no `kubernetes` plugin for cluster.local.',
    why: 'Service names do not resolve in the cluster.',
    fix: 'Add `kubernetes cluster.local in-addr.arpa ip6.arpa` to the server block.',
  },
  DNS_COREFILE_FORWARD_LOOP: {
    step: 3,
    meaning: 'The Corefile forwards to itself (a loopback address).',
    why: 'Queries for outside names go round in a loop; the loop plugin detects it and stops CoreDNS, which then restarts over and over.',
    fix: 'Forward to the upstream resolvers, not to 127.0.0.0/8.',
  },
  DNS_CLIENT_HOSTNETWORK_DEFAULT: {
    step: 3,
    meaning: 'The client pod uses hostNetwork with dnsPolicy ClusterFirst.',
    why: 'With hostNetwork, ClusterFirst falls back to the node resolver: Service names do not resolve. ClusterFirstWithHostNet is needed.',
    fix: 'Set `dnsPolicy: ClusterFirstWithHostNet` on the client pod.',
  },
  DNS_CLIENT_NOT_CLUSTER_DNS: {
    step: 3,
    meaning:
      'The client pod does not use the cluster resolver (dnsPolicy Default or None without the cluster DNS).',
    why: 'Service names of the cluster do not resolve from that pod.',
    fix: 'Use dnsPolicy ClusterFirst, or add the cluster DNS address to dnsConfig.nameservers.',
  },
  NETPOL_EGRESS_BLOCKS_DNS: {
    step: 3,
    meaning:
      'NetworkPolicies isolate the client pod for egress and none admits the CoreDNS pods on 53/UDP (and maybe 53/TCP).',
    why: 'Resolvers ask over UDP: every lookup from the client times out, so no Service name resolves, although CoreDNS is healthy.',
    fix: 'Add an egress rule (or policy) admitting the kube-dns pods in kube-system on 53/UDP and 53/TCP.',
  },
  NETPOL_EGRESS_BLOCKS_DNS_TCP: {
    step: 3,
    meaning:
      'The client pod may send DNS over UDP, but its egress NetworkPolicies drop 53/TCP to CoreDNS.',
    why: 'Answers too large for UDP come back truncated and are retried over TCP, which is dropped: those lookups fail, small ones work.',
    fix: 'Admit 53/TCP to the kube-dns pods beside 53/UDP.',
  },
  DNS_CLIENT_NDOTS_HIGH: {
    step: 3,
    meaning: 'The client pod sets ndots above 5.',
    why: 'Every outside name is first tried against each search domain: several wasted queries per lookup.',
    fix: 'Lower ndots (even the default 5 tries the search domains first), or fully qualify outside names with a trailing dot.',
  },
  DNS_EXTERNAL_NOT_RESOLVED: {
    step: 3,
    meaning:
      'The external name of the host was not resolved, so whether it points at the load balancer is unknown.',
    why: 'A stale or missing DNS record sends clients elsewhere; only resolving the name shows it.',
    fix: 'Compare `dig +short HOST` with the load balancer address in the evidence.',
  },
  DNS_EXTERNAL_NO_ADDRESS: {
    step: 3,
    meaning: 'The Ingress (and its controller Service) publish no load balancer address.',
    why: 'There is nothing for the external name to point at; clients cannot reach the controller from outside.',
    fix: 'Check the load balancer provisioning of the controller Service, or the controller publish-service setting.',
  },
  DNS_ERROR_RATIO_HIGH: {
    source: 'prometheus',
    step: 3,
    meaning: 'A high share of DNS answers are SERVFAIL or REFUSED.',
    why: 'Lookups fail: clients cannot resolve the Service or outside names.',
    fix: 'Check the upstream resolvers CoreDNS forwards to, and CoreDNS logs.',
  },
  DNS_NXDOMAIN_HIGH: {
    source: 'prometheus',
    step: 3,
    meaning: 'Most DNS answers are NXDOMAIN.',
    why: 'Often a wrong name, or ndots search-path churn multiplying lookups.',
    fix: 'Check the names clients ask for and their ndots / search settings.',
  },
  DNS_LATENCY_HIGH: {
    source: 'prometheus',
    step: 3,
    meaning: 'CoreDNS p99 latency is high.',
    why: 'Every new connection waits for its lookup.',
    fix: 'Scale CoreDNS, enable NodeLocal DNSCache, check upstream latency.',
  },
  DNS_PANICS: {
    source: 'prometheus',
    step: 3,
    meaning: 'CoreDNS panicked in the window.',
    why: 'A panicking CoreDNS drops queries while it restarts.',
    fix: 'Read CoreDNS logs for the panic and the plugin that caused it.',
  },
  DNS_FORWARD_UNHEALTHY: {
    source: 'prometheus',
    step: 3,
    meaning: "CoreDNS's health checks of its upstream resolvers fail.",
    why: 'Outside names fail or slow down.',
    fix: 'Check the upstream resolvers and the network path to them.',
  },
} as const satisfies Record<string, CodeEntry>;
