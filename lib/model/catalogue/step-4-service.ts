// Step 4 — Service / kube-proxy: the Service against its pods, EndpointSlices, traffic policies,
// NetworkPolicies, and kube-proxy on the nodes that matter.
import type { CodeEntry } from './code-entry';

export const STEP_4_CODES = {
  ENDPOINT_IP_ORPHANED: {
    step: 4,
    meaning: 'An endpoint address belongs to no current pod.',
    why: 'kube-proxy sends a share of the traffic to an address nobody serves.',
    fix: 'The EndpointSlice is stale: check kube-controller-manager and the endpoint controller.',
  },
  ENDPOINT_IP_MISMATCH: {
    step: 4,
    meaning: 'An endpoint address is held by a different pod than the one it names.',
    why: 'Traffic meant for one pod lands in another: the address was reused while a sandbox leaked.',
    fix: 'Delete the pod that holds the IP but is not the endpoint target, and find why the IP was reused.',
  },
  SVC_NOT_FOUND: {
    step: 4,
    meaning: 'The Service of the path does not exist.',
    why: 'The name resolves to nothing and no VIP exists.',
    fix: 'Create the Service, or fix the name the client (or the Ingress) uses.',
  },
  SVC_TYPE_MISMATCH: {
    step: 4,
    meaning:
      'The Service type does not fit the path (e.g. a ClusterIP Service on a NodePort path).',
    why: 'No node port is opened for it.',
    fix: 'Change the Service type, or diagnose the path kind the Service offers.',
  },
  SVC_NO_SELECTOR: {
    step: 4,
    meaning: 'The Service has no selector: its endpoints are managed by hand.',
    why: 'Nothing keeps the endpoints in line with the pods.',
    fix: 'Check who writes its EndpointSlices, or add a selector.',
  },
  SVC_SELECTOR_NO_MATCH: {
    step: 4,
    meaning: "The Service's selector matches no pod in its namespace.",
    why: 'The Service has no endpoints: every connection is refused or times out.',
    fix: 'Fix the selector or the pod labels (often one label with a typo).',
  },
  SVC_PORT_NOT_FOUND: {
    step: 4,
    meaning: 'The port of the path is not a port of the Service.',
    why: 'Connections to that port of the VIP go nowhere.',
    fix: 'Use one of the Service ports, or add the port.',
  },
  SVC_TARGET_PORT_MISSING: {
    step: 4,
    meaning: "The Service's named targetPort is not declared by the selected pods.",
    why: 'No endpoint is published for that port of those pods: traffic has nowhere to go.',
    fix: 'Name the container port as the Service expects, or change targetPort.',
  },
  SVC_TARGET_PORT_NOT_DECLARED: {
    step: 4,
    meaning: 'A numeric targetPort is not among the container ports of the selected pods.',
    why: 'It still works if the app listens there; often it is a stale port number.',
    fix: 'Check the port the app really listens on.',
  },
  SVC_PROTOCOL_MISMATCH: {
    step: 4,
    meaning: 'The Service port protocol differs from the container port protocol.',
    why: 'TCP to a UDP listener (or the reverse) never connects.',
    fix: 'Align the protocols.',
  },
  SVC_NO_ENDPOINTSLICES: {
    step: 4,
    meaning: 'The Service selects pods but has no EndpointSlices.',
    why: 'kube-proxy has nothing to program; the endpoint controller may be down.',
    fix: 'Check kube-controller-manager.',
  },
  SVC_NO_READY_ENDPOINTS: {
    step: 4,
    meaning: 'No endpoint of the Service is ready.',
    why: 'kube-proxy drops or rejects every connection to the VIP.',
    fix: 'Find why the pods are not ready (step 1 findings).',
  },
  SVC_SOME_ENDPOINTS_NOT_READY: {
    step: 4,
    meaning: 'Some endpoints of the Service are not ready.',
    why: 'The ready ones carry all traffic; capacity is reduced.',
    fix: 'See the pods in step 1.',
  },
  ENDPOINT_ON_NOT_READY_NODE: {
    step: 4,
    meaning:
      'A ready endpoint of the Service is on a node that is NotReady or has stopped reporting.',
    why: 'The endpoint is stale: nobody vouches for the pod any more, yet kube-proxy still sends it a share of the traffic until the node lifecycle controller marks it not ready.',
    fix: 'Fix or drain the node; if its pods stay ready, check that kube-controller-manager runs (node lifecycle controller) and the node-monitor grace period.',
  },
  SVC_PUBLISH_NOT_READY: {
    step: 4,
    meaning: 'The Service publishes not-ready addresses and some pods are not ready.',
    why: 'Traffic reaches pods that said they cannot serve it.',
    fix: 'Turn off publishNotReadyAddresses unless the clients expect it (peer discovery).',
  },
  SVC_ETP_LOCAL_NO_ENDPOINT: {
    step: 4,
    meaning: 'externalTrafficPolicy: Local and the entry node has no ready local endpoint.',
    why: 'The node drops traffic arriving at its node port instead of forwarding it.',
    fix: 'Send traffic only to nodes with a local endpoint (health check node port), or use Cluster.',
  },
  SVC_ITP_LOCAL_NO_ENDPOINT: {
    step: 4,
    meaning: "internalTrafficPolicy: Local and the client's node has no ready local endpoint.",
    why: 'Traffic from that node to the VIP is dropped.',
    fix: 'Run a backend on every client node (DaemonSet) or use Cluster.',
  },
  KUBE_PROXY_MISSING: {
    step: 4,
    meaning: 'No kube-proxy pod runs on a node that matters for the path.',
    why: 'That node has no (or stale) Service rules: connections to the VIP or node port fail there.',
    fix: 'Check the kube-proxy DaemonSet (node selector, tolerations) and the node.',
  },
  KUBE_PROXY_PARTLY_CHECKED: {
    step: 4,
    meaning:
      'The path has more nodes than the kube-proxy pods read in one diagnosis cover; kube-proxy was checked on the nodes given.',
    why: 'A node among the others could lack kube-proxy unseen.',
    fix: 'Check the rest with `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide`.',
  },
  KUBE_PROXY_NOT_READY: {
    step: 4,
    meaning: 'The kube-proxy pod on a node that matters is not ready or restarting.',
    why: 'Its rules go stale: new endpoints are not programmed.',
    fix: 'Read its logs: `kubectl logs -n kube-system POD`.',
  },
  KUBE_PROXY_REPLACED: {
    step: 4,
    meaning: 'The cluster runs no kube-proxy (e.g. Cilium or another replacement).',
    why: 'Service routing is done by another component, which this step does not inspect.',
    fix: 'Inspect the replacement (e.g. `cilium service list`).',
  },
  NETPOL_BLOCKS_CLIENT: {
    step: 4,
    meaning:
      'NetworkPolicies select the backend pods and none admits the client on the target port.',
    why: 'Connections from the client are dropped at the backend pods.',
    fix: 'Add an ingress rule admitting the client (pod and namespace selectors, port).',
  },
  NETPOL_EGRESS_BLOCKS_BACKEND: {
    step: 4,
    meaning:
      "NetworkPolicies isolate the client pod for egress and none admits the backend pods on the Service's target port.",
    why: 'After DNAT the connection goes to a backend pod IP and port; the client may not send there, so it never leaves the client.',
    fix: 'Add an egress rule (or policy) admitting the backend pods (namespace and pod selectors) on the container port.',
  },
  NETPOL_EGRESS_UNDECIDED: {
    step: 4,
    meaning:
      "The client's egress policies could not be judged for this destination (a namespace's labels were not read, or the client uses hostNetwork).",
    why: 'Whether the client may send there is not known: never shown as allowed.',
    fix: 'Grant read access to the namespaces involved, or check the network plugin for hostNetwork pods.',
  },
  KUBE_PROXY_RULES_STALE: {
    source: 'prometheus',
    step: 4,
    meaning: 'kube-proxy on a node of the path has not synced its rules for a long time.',
    why: 'New endpoints are not programmed there: traffic goes to old pods or nowhere.',
    fix: 'Read kube-proxy logs on that node; restart it if it is stuck.',
  },
  KUBE_PROXY_SYNC_SLOW: {
    source: 'prometheus',
    step: 4,
    meaning: 'kube-proxy rule syncs take long (p99).',
    why: 'Endpoint changes reach the data plane late.',
    fix: 'Large iptables rule sets: consider nftables or IPVS mode; every node holds rules for every Service, so fewer Services and endpoints shorten each sync.',
  },
  KUBE_PROXY_PROGRAMMING_SLOW: {
    source: 'prometheus',
    step: 4,
    meaning:
      'Endpoint changes take long to reach the rules on a node (network programming latency p99).',
    why: 'New pods receive traffic late and removed pods keep receiving it.',
    fix: 'Look at API server and kube-proxy load; large clusters: EndpointSlice churn, sync period.',
  },
  KUBE_PROXY_RESTORE_FAILURES: {
    source: 'prometheus',
    step: 4,
    meaning: 'iptables-restore failed in the window.',
    why: 'Rule updates were not applied.',
    fix: 'Read kube-proxy logs for the restore error (lock contention, kernel modules).',
  },
  KUBE_PROXY_NO_LOCAL_ENDPOINTS: {
    source: 'prometheus',
    step: 4,
    meaning: 'kube-proxy saw traffic for Local-policy Services with no local endpoint.',
    why: 'That traffic is dropped on this node.',
    fix: 'Send traffic only to nodes with local endpoints, or use the Cluster policy.',
  },
} as const satisfies Record<string, CodeEntry>;
