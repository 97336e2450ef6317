// The catalogue of finding codes: one entry per code, the single source for the checks' codes
// and for the documentation page (/catalogue). A code is stable once released.
import type { StepId } from '@/lib/model/hops';

export interface CodeEntry {
  step: StepId;
  /** Where the evidence comes from; Kubernetes objects unless said otherwise. */
  source?: 'prometheus';
  meaning: string;
  why: string;
  fix: string;
}

export const CATALOGUE = {
  // Step 1 — node / pod health
  NODE_NOT_READY: {
    step: 1,
    meaning: 'A node on the path reports Ready=False or Unknown.',
    why: 'Pods on a NotReady node are taken out of endpoints and stop receiving traffic; a node with Ready=Unknown has stopped reporting.',
    fix: 'Check the kubelet and the container runtime on the node (`journalctl -u kubelet`), then cordon and drain it if it does not recover.',
  },
  NODE_RUNTIME_UNHEALTHY: {
    step: 1,
    meaning:
      'The NotReady message names the container runtime or PLEG ("PLEG is not healthy", "container runtime is down").',
    why: 'The kubelet cannot list containers, so it cannot start, stop or report pods on that node.',
    fix: 'Restart the container runtime (containerd / CRI-O) on the node; if PLEG relist stays slow, look for hung containers or a full disk.',
  },
  NODE_PRESSURE: {
    step: 1,
    meaning: 'A node reports MemoryPressure, DiskPressure or PIDPressure.',
    why: 'The kubelet evicts pods under pressure and refuses new ones.',
    fix: 'Free memory, disk or PIDs on the node, or move workloads away.',
  },
  NODE_NETWORK_UNAVAILABLE: {
    step: 1,
    meaning: 'A node reports NetworkUnavailable=True.',
    why: 'Pod networking on the node is not configured: its pods cannot be reached.',
    fix: 'Check the CNI plugin pods and routes on the node.',
  },
  NODE_UNSCHEDULABLE: {
    step: 1,
    meaning: 'A node on the path is cordoned.',
    why: 'New pods will not land there; existing ones keep running. Often a sign of maintenance in progress.',
    fix: 'Uncordon it when the maintenance is over: `kubectl uncordon NODE`.',
  },
  NODE_HEARTBEAT_STALE: {
    step: 1,
    meaning: "The node's Lease was not renewed for longer than the node monitor grace period.",
    why: 'The kubelet has stopped talking to the API server; the node will be marked NotReady and its pods evicted.',
    fix: 'Check the kubelet process and its connectivity to the API server.',
  },
  CLIENT_POD_NOT_FOUND: {
    step: 1,
    meaning: 'The client pod named for the path does not exist.',
    why: 'The path cannot be followed from it.',
    fix: 'Pick a running client pod.',
  },
  CLIENT_POD_NOT_RUNNING: {
    step: 1,
    meaning: 'The client pod is not Running and Ready.',
    why: 'It sends no requests; what it sees is not the path.',
    fix: 'Pick a running client pod, or fix this one first.',
  },
  POD_NOT_READY: {
    step: 1,
    meaning: 'A backend pod is not Ready.',
    why: 'A pod that is not Ready is removed from the ready endpoints; if all are, the Service has nothing to send to.',
    fix: 'Look at the readiness probe and the container logs of the pod.',
  },
  POD_CRASH_LOOP: {
    step: 1,
    meaning: 'A container is in CrashLoopBackOff.',
    why: 'The container keeps exiting; while it waits to restart the pod is not ready.',
    fix: 'Read the previous logs (`kubectl logs --previous`) and the last exit code.',
  },
  POD_RESTARTING: {
    step: 1,
    meaning: 'A container has restarted, recently and often.',
    why: 'Each restart drops the connections the pod held and takes it out of rotation for a while.',
    fix: 'Find the cause in the last termination reason and the previous logs.',
  },
  POD_OOM_KILLED: {
    step: 1,
    meaning: 'A container was last terminated by the OOM killer.',
    why: 'It used more memory than its limit; it will keep being killed under the same load.',
    fix: 'Raise the memory limit or fix the leak.',
  },
  POD_IMAGE_PULL_FAILING: {
    step: 1,
    meaning: 'A container cannot pull its image (ErrImagePull / ImagePullBackOff).',
    why: 'The container never starts.',
    fix: 'Check the image name and tag and the pull secret.',
  },
  POD_CONTAINER_CREATE_ERROR: {
    step: 1,
    meaning:
      'A container cannot be created (CreateContainerError, CreateContainerConfigError, RunContainerError).',
    why: 'The container never starts.',
    fix: 'Check referenced ConfigMaps, Secrets and volumes, and the runtime on the node.',
  },
  POD_UNSCHEDULABLE: {
    step: 1,
    meaning: 'A backend pod is Pending because no node can take it.',
    why: 'The pod never runs; the Service has one replica fewer than intended.',
    fix: 'Read the scheduler message; free resources or relax the constraints.',
  },
  POD_READINESS_FAILING: {
    step: 1,
    meaning: 'Readiness probes of a backend pod fail (Unhealthy events).',
    why: 'The pod is or will be taken out of the ready endpoints.',
    fix: 'Check what the probe calls and whether the app answers it in time.',
  },
  POD_ON_NOT_READY_NODE: {
    step: 1,
    meaning: 'A backend pod runs on a node that is NotReady.',
    why: 'Nobody can vouch for the pod; its readiness goes False and it leaves the endpoints.',
    fix: 'Fix the node, or delete the pod so its controller recreates it elsewhere.',
  },
  POD_STUCK_TERMINATING: {
    step: 1,
    meaning: 'A backend pod has been Terminating for much longer than its grace period.',
    why: 'Its node is not finishing the deletion; the pod still holds its IP and may still receive traffic.',
    fix: 'Check the node; as a last resort `kubectl delete pod --grace-period=0 --force`.',
  },
  POD_IP_DUPLICATE: {
    step: 1,
    meaning: 'One pod IP is held by more than one live pod.',
    why: 'Traffic for that IP reaches whichever sandbox answers: a share of connections is refused or lands in the wrong pod (a leaked network namespace).',
    fix: 'Delete the stale pod or clean the leaked sandbox on the node (`crictl pods`, `ip netns`), then restart the CNI if it keeps reusing the IP.',
  },
  ENDPOINT_IPS_PARTLY_CHECKED: {
    step: 1,
    meaning:
      'The Service has more endpoint addresses than Hopscope looks up one by one; only some were checked for duplicate or leaked holders.',
    why: 'A duplicated IP among the unchecked addresses would go unseen.',
    fix: 'Check the rest with `kubectl get pods -A --field-selector status.podIP=IP` for the addresses you suspect.',
  },
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
  // Step 3 — DNS
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
    why: 'Queries for outside names loop until CoreDNS crashes (the loop plugin stops it).',
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
  DNS_CLIENT_NDOTS_HIGH: {
    step: 3,
    meaning: 'The client pod sets ndots above 5.',
    why: 'Every outside name is first tried against each search domain: several wasted queries per lookup.',
    fix: 'Use the default ndots, or fully qualify names with a trailing dot.',
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
  // Step 4 — Service / kube-proxy
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
  // Step 5 — Ingress
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
  LOG_STALL: {
    step: 2,
    meaning:
      'A Running, Ready backend container has written nothing to stdout/stderr for far longer than its usual gap, while its requests fail or stall.',
    why: 'The pattern of a process blocked on a broken stdout pipe (after a container-engine restart): probes pass, requests hang.',
    fix: 'Restart the pod (`kubectl delete pod`); if many pods stalled at once, look at the container runtime restart on their nodes.',
  },
  // Metrics (Prometheus)
  METRICS_UNAVAILABLE: {
    source: 'prometheus',
    step: 2,
    meaning: 'Prometheus could not be queried for this hop (unreachable, timeout, error).',
    why: 'The metric part of the hop is unknown: nothing is assumed healthy.',
    fix: 'Check that Prometheus answers at the configured URL (and its tenant header), and the query timeout.',
  },
  METRICS_SERIES_ABSENT: {
    source: 'prometheus',
    step: 2,
    meaning: 'Prometheus has no series for what this hop needs.',
    why: 'The component is probably not scraped; its metric part is unknown.',
    fix: 'Add a scrape config or ServiceMonitor for the component named in the finding.',
  },
  GOLDEN_TRAFFIC_DROPPED: {
    source: 'prometheus',
    step: 2,
    meaning:
      'Requests completed by the backend dropped to (almost) nothing against the same window one day earlier.',
    why: 'A silent backend is as broken as a failing one: clients time out or hang.',
    fix: 'Check whether requests still arrive (ingress, Service) and whether the app is stuck (threads, stdout pipe, locks).',
  },
  GOLDEN_ERROR_RATIO_HIGH: {
    source: 'prometheus',
    step: 2,
    meaning: 'The backend answers a high share of 5xx.',
    why: 'Those requests fail for the clients.',
    fix: "Read the app's logs for the failing requests and compare with the last deployment.",
  },
  GOLDEN_LATENCY_ABOVE_BASELINE: {
    source: 'prometheus',
    step: 2,
    meaning: 'Backend p99 latency is several times its baseline.',
    why: 'Clients slow down or time out; queues build up.',
    fix: 'Look for saturation (CPU throttling, memory) and slow dependencies of the backend.',
  },
  NODE_CPU_SATURATED: {
    source: 'prometheus',
    step: 1,
    meaning: 'A node on the path is nearly out of CPU.',
    why: 'Everything on it slows down, including kube-proxy and the kubelet.',
    fix: 'Move load away or add capacity.',
  },
  NODE_MEMORY_SATURATED: {
    source: 'prometheus',
    step: 1,
    meaning: 'A node on the path is nearly out of memory.',
    why: 'The kubelet starts evicting pods; the OOM killer may act first.',
    fix: 'Find the largest consumers; add memory or move pods.',
  },
  NODE_CPU_PRESSURE: {
    source: 'prometheus',
    step: 1,
    meaning: 'Tasks on a node wait for CPU a large share of the time (PSI).',
    why: 'Latency rises for every pod on the node.',
    fix: 'Reduce contention: limits, requests, or fewer pods on the node.',
  },
  NODE_CONNTRACK_NEAR_LIMIT: {
    source: 'prometheus',
    step: 1,
    meaning: "A node's conntrack table is close to its limit.",
    why: 'When it is full, new connections through that node are dropped silently.',
    fix: 'Raise nf_conntrack_max, shorten timeouts, or find the connection leak.',
  },
  NODE_NETWORK_ERRORS: {
    source: 'prometheus',
    step: 1,
    meaning: 'A node drops or errors on received packets.',
    why: 'Packets to pods on the node are lost: retries and timeouts.',
    fix: 'Check the NIC, the CNI and ring buffers on the node.',
  },
  NODE_LISTEN_OVERFLOWS: {
    source: 'prometheus',
    step: 1,
    meaning: 'TCP listen queues overflow on a node.',
    why: 'New connections are dropped while a server accepts too slowly.',
    fix: 'Find the slow listener; raise its backlog or its capacity.',
  },
  NODE_ORPHANED_CONTAINERS: {
    source: 'prometheus',
    step: 1,
    meaning:
      'cAdvisor still reports containers of pods the API no longer has, on a node of the path.',
    why: 'Leaked sandboxes keep their pod IPs alive: traffic for a reused IP can land in them (one connection in N refused).',
    fix: 'Remove the leaked sandboxes on the node (`crictl pods`, `crictl stopp/rmp`) and restart the runtime if they come back.',
  },
  POD_CPU_THROTTLED: {
    source: 'prometheus',
    step: 1,
    meaning: 'A backend container is CPU-throttled a large share of periods.',
    why: 'Requests wait for CPU: latency rises even though the node has spare CPU.',
    fix: 'Raise the CPU limit (or remove it) and check the request sizing.',
  },
  POD_MEMORY_NEAR_LIMIT: {
    source: 'prometheus',
    step: 1,
    meaning: 'A backend container uses nearly all of its memory limit.',
    why: 'It will be OOMKilled at the next spike.',
    fix: 'Raise the limit or reduce the footprint.',
  },
  POD_RESTARTS_IN_WINDOW: {
    source: 'prometheus',
    step: 1,
    meaning: 'A backend container restarted several times in the incident window.',
    why: 'Each restart drops connections and takes the pod out of rotation.',
    fix: 'Read the previous logs and the last termination reason.',
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
    fix: 'Large iptables rule sets: consider nftables or IPVS mode, and fewer Services per node.',
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
    fix: 'Check listen overflows and conntrack on the backend nodes, and the pods accept loop.',
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
  // Sources
  SOURCE_UNAVAILABLE: {
    step: 1,
    meaning: 'A source could not be read (403, timeout, 5xx, unreachable).',
    why: 'What it would have shown is unknown, never assumed healthy.',
    fix: 'Grant the permission named in the evidence, or check the API server / Prometheus.',
  },
} as const satisfies Record<string, CodeEntry>;

export type FindingCode = keyof typeof CATALOGUE;

export function isFindingCode(value: string): value is FindingCode {
  return Object.hasOwn(CATALOGUE, value);
}
