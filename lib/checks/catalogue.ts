// The catalogue of finding codes: one entry per code, the single source for the checks' codes
// and for the documentation page (/catalogue). A code is stable once released.
import type { StepId } from '@/lib/model/hops';

export interface CodeEntry {
  step: StepId;
  meaning: string;
  why: string;
  fix: string;
}

export const CATALOGUE = {
  // Step 1 — node / pod health
  NODE_NOT_READY: { step: 1, meaning: 'A node on the path reports Ready=False or Unknown.', why: 'Pods on a NotReady node are taken out of endpoints and stop receiving traffic; a node with Ready=Unknown has stopped reporting.', fix: 'Check the kubelet and the container runtime on the node (`journalctl -u kubelet`), then cordon and drain it if it does not recover.' },
  NODE_RUNTIME_UNHEALTHY: { step: 1, meaning: 'The NotReady message names the container runtime or PLEG ("PLEG is not healthy", "container runtime is down").', why: 'The kubelet cannot list containers, so it cannot start, stop or report pods on that node.', fix: 'Restart the container runtime (containerd / CRI-O) on the node; if PLEG relist stays slow, look for hung containers or a full disk.' },
  NODE_PRESSURE: { step: 1, meaning: 'A node reports MemoryPressure, DiskPressure or PIDPressure.', why: 'The kubelet evicts pods under pressure and refuses new ones.', fix: 'Free memory, disk or PIDs on the node, or move workloads away.' },
  NODE_NETWORK_UNAVAILABLE: { step: 1, meaning: 'A node reports NetworkUnavailable=True.', why: 'Pod networking on the node is not configured: its pods cannot be reached.', fix: 'Check the CNI plugin pods and routes on the node.' },
  NODE_UNSCHEDULABLE: { step: 1, meaning: 'A node on the path is cordoned.', why: 'New pods will not land there; existing ones keep running. Often a sign of maintenance in progress.', fix: 'Uncordon it when the maintenance is over: `kubectl uncordon NODE`.' },
  NODE_HEARTBEAT_STALE: { step: 1, meaning: "The node's Lease was not renewed for longer than the node monitor grace period.", why: 'The kubelet has stopped talking to the API server; the node will be marked NotReady and its pods evicted.', fix: 'Check the kubelet process and its connectivity to the API server.' },
  CLIENT_POD_NOT_FOUND: { step: 1, meaning: 'The client pod named for the path does not exist.', why: 'The path cannot be followed from it.', fix: 'Pick a running client pod.' },
  CLIENT_POD_NOT_RUNNING: { step: 1, meaning: 'The client pod is not Running and Ready.', why: 'It sends no requests; what it sees is not the path.', fix: 'Pick a running client pod, or fix this one first.' },
  POD_NOT_READY: { step: 1, meaning: 'A backend pod is not Ready.', why: 'A pod that is not Ready is removed from the ready endpoints; if all are, the Service has nothing to send to.', fix: 'Look at the readiness probe and the container logs of the pod.' },
  POD_CRASH_LOOP: { step: 1, meaning: 'A container is in CrashLoopBackOff.', why: 'The container keeps exiting; while it waits to restart the pod is not ready.', fix: 'Read the previous logs (`kubectl logs --previous`) and the last exit code.' },
  POD_RESTARTING: { step: 1, meaning: 'A container has restarted, recently and often.', why: 'Each restart drops the connections the pod held and takes it out of rotation for a while.', fix: 'Find the cause in the last termination reason and the previous logs.' },
  POD_OOM_KILLED: { step: 1, meaning: 'A container was last terminated by the OOM killer.', why: 'It used more memory than its limit; it will keep being killed under the same load.', fix: 'Raise the memory limit or fix the leak.' },
  POD_IMAGE_PULL_FAILING: { step: 1, meaning: 'A container cannot pull its image (ErrImagePull / ImagePullBackOff).', why: 'The container never starts.', fix: 'Check the image name and tag and the pull secret.' },
  POD_CONTAINER_CREATE_ERROR: { step: 1, meaning: 'A container cannot be created (CreateContainerError, CreateContainerConfigError, RunContainerError).', why: 'The container never starts.', fix: 'Check referenced ConfigMaps, Secrets and volumes, and the runtime on the node.' },
  POD_UNSCHEDULABLE: { step: 1, meaning: 'A backend pod is Pending because no node can take it.', why: 'The pod never runs; the Service has one replica fewer than intended.', fix: 'Read the scheduler message; free resources or relax the constraints.' },
  POD_READINESS_FAILING: { step: 1, meaning: 'Readiness probes of a backend pod fail (Unhealthy events).', why: 'The pod is or will be taken out of the ready endpoints.', fix: 'Check what the probe calls and whether the app answers it in time.' },
  POD_ON_NOT_READY_NODE: { step: 1, meaning: 'A backend pod runs on a node that is NotReady.', why: 'Nobody can vouch for the pod; its readiness goes False and it leaves the endpoints.', fix: 'Fix the node, or delete the pod so its controller recreates it elsewhere.' },
  POD_STUCK_TERMINATING: { step: 1, meaning: 'A backend pod has been Terminating for much longer than its grace period.', why: 'Its node is not finishing the deletion; the pod still holds its IP and may still receive traffic.', fix: 'Check the node; as a last resort `kubectl delete pod --grace-period=0 --force`.' },
  POD_IP_DUPLICATE: { step: 1, meaning: 'One pod IP is held by more than one live pod.', why: 'Traffic for that IP reaches whichever sandbox answers: a share of connections is refused or lands in the wrong pod (a leaked network namespace).', fix: 'Delete the stale pod or clean the leaked sandbox on the node (`crictl pods`, `ip netns`), then restart the CNI if it keeps reusing the IP.' },
  ENDPOINT_IP_ORPHANED: { step: 4, meaning: 'An endpoint address belongs to no current pod.', why: 'kube-proxy sends a share of the traffic to an address nobody serves.', fix: 'The EndpointSlice is stale: check kube-controller-manager and the endpoint controller.' },
  ENDPOINT_IP_MISMATCH: { step: 4, meaning: 'An endpoint address is held by a different pod than the one it names.', why: 'Traffic meant for one pod lands in another: the address was reused while a sandbox leaked.', fix: 'Delete the pod that holds the IP but is not the endpoint target, and find why the IP was reused.' },
  // Step 3 — DNS
  DNS_SERVICE_MISSING: { step: 3, meaning: 'There is no kube-system/kube-dns Service.', why: 'Pods with ClusterFirst DNS have no cluster resolver: no Service name resolves.', fix: 'Recreate the kube-dns Service for CoreDNS.' },
  DNS_NO_READY_ENDPOINTS: { step: 3, meaning: 'The cluster DNS Service has no ready endpoints.', why: 'Every lookup from a pod times out.', fix: 'Bring CoreDNS pods back: check their logs and their nodes.' },
  DNS_PODS_UNHEALTHY: { step: 3, meaning: 'Some CoreDNS pods are not ready or restarting.', why: 'Fewer resolvers carry the load; lookups routed to a broken one time out.', fix: 'Check the CoreDNS pods and their logs.' },
  DNS_COREFILE_MISSING: { step: 3, meaning: 'The coredns ConfigMap has no Corefile.', why: 'CoreDNS configuration cannot be checked, and a restarted CoreDNS would not start.', fix: 'Restore the coredns ConfigMap.' },
  DNS_COREFILE_NO_KUBERNETES: { step: 3, meaning: 'The Corefile has no `kubernetes` plugin for cluster.local.', why: 'Service names do not resolve in the cluster.', fix: 'Add `kubernetes cluster.local in-addr.arpa ip6.arpa` to the server block.' },
  DNS_COREFILE_FORWARD_LOOP: { step: 3, meaning: 'The Corefile forwards to itself (a loopback address).', why: 'Queries for outside names loop until CoreDNS crashes (the loop plugin stops it).', fix: 'Forward to the upstream resolvers, not to 127.0.0.0/8.' },
  DNS_CLIENT_HOSTNETWORK_DEFAULT: { step: 3, meaning: 'The client pod uses hostNetwork with dnsPolicy ClusterFirst.', why: 'With hostNetwork, ClusterFirst falls back to the node resolver: Service names do not resolve. ClusterFirstWithHostNet is needed.', fix: 'Set `dnsPolicy: ClusterFirstWithHostNet` on the client pod.' },
  DNS_CLIENT_NOT_CLUSTER_DNS: { step: 3, meaning: 'The client pod does not use the cluster resolver (dnsPolicy Default or None without the cluster DNS).', why: 'Service names of the cluster do not resolve from that pod.', fix: 'Use dnsPolicy ClusterFirst, or add the cluster DNS address to dnsConfig.nameservers.' },
  DNS_CLIENT_NDOTS_HIGH: { step: 3, meaning: 'The client pod sets ndots above 5.', why: 'Every outside name is first tried against each search domain: several wasted queries per lookup.', fix: 'Use the default ndots, or fully qualify names with a trailing dot.' },
  DNS_EXTERNAL_NO_ADDRESS: { step: 3, meaning: 'The Ingress (and its controller Service) publish no load balancer address.', why: 'There is nothing for the external name to point at; clients cannot reach the controller from outside.', fix: 'Check the load balancer provisioning of the controller Service, or the controller publish-service setting.' },
  // Step 4 — Service / kube-proxy
  SVC_NOT_FOUND: { step: 4, meaning: 'The Service of the path does not exist.', why: 'The name resolves to nothing and no VIP exists.', fix: 'Create the Service, or fix the name the client (or the Ingress) uses.' },
  SVC_TYPE_MISMATCH: { step: 4, meaning: "The Service type does not fit the path (e.g. a ClusterIP Service on a NodePort path).", why: 'No node port is opened for it.', fix: 'Change the Service type, or diagnose the path kind the Service offers.' },
  SVC_NO_SELECTOR: { step: 4, meaning: 'The Service has no selector: its endpoints are managed by hand.', why: 'Nothing keeps the endpoints in line with the pods.', fix: 'Check who writes its EndpointSlices, or add a selector.' },
  SVC_SELECTOR_NO_MATCH: { step: 4, meaning: "The Service's selector matches no pod in its namespace.", why: 'The Service has no endpoints: every connection is refused or times out.', fix: 'Fix the selector or the pod labels (often one label with a typo).' },
  SVC_PORT_NOT_FOUND: { step: 4, meaning: 'The port of the path is not a port of the Service.', why: 'Connections to that port of the VIP go nowhere.', fix: 'Use one of the Service ports, or add the port.' },
  SVC_TARGET_PORT_MISSING: { step: 4, meaning: "The Service's named targetPort is not declared by the selected pods.", why: 'No endpoint is published for that port of those pods: traffic has nowhere to go.', fix: 'Name the container port as the Service expects, or change targetPort.' },
  SVC_TARGET_PORT_NOT_DECLARED: { step: 4, meaning: 'A numeric targetPort is not among the container ports of the selected pods.', why: 'It still works if the app listens there; often it is a stale port number.', fix: 'Check the port the app really listens on.' },
  SVC_PROTOCOL_MISMATCH: { step: 4, meaning: 'The Service port protocol differs from the container port protocol.', why: 'TCP to a UDP listener (or the reverse) never connects.', fix: 'Align the protocols.' },
  SVC_NO_ENDPOINTSLICES: { step: 4, meaning: 'The Service selects pods but has no EndpointSlices.', why: 'kube-proxy has nothing to program; the endpoint controller may be down.', fix: 'Check kube-controller-manager.' },
  SVC_NO_READY_ENDPOINTS: { step: 4, meaning: 'No endpoint of the Service is ready.', why: 'kube-proxy drops or rejects every connection to the VIP.', fix: 'Find why the pods are not ready (step 1 findings).' },
  SVC_SOME_ENDPOINTS_NOT_READY: { step: 4, meaning: 'Some endpoints of the Service are not ready.', why: 'The ready ones carry all traffic; capacity is reduced.', fix: 'See the pods in step 1.' },
  SVC_PUBLISH_NOT_READY: { step: 4, meaning: 'The Service publishes not-ready addresses and some pods are not ready.', why: 'Traffic reaches pods that said they cannot serve it.', fix: 'Turn off publishNotReadyAddresses unless the clients expect it (peer discovery).' },
  SVC_ETP_LOCAL_NO_ENDPOINT: { step: 4, meaning: 'externalTrafficPolicy: Local and the entry node has no ready local endpoint.', why: 'The node drops traffic arriving at its node port instead of forwarding it.', fix: 'Send traffic only to nodes with a local endpoint (health check node port), or use Cluster.' },
  SVC_ITP_LOCAL_NO_ENDPOINT: { step: 4, meaning: "internalTrafficPolicy: Local and the client's node has no ready local endpoint.", why: 'Traffic from that node to the VIP is dropped.', fix: 'Run a backend on every client node (DaemonSet) or use Cluster.' },
  KUBE_PROXY_MISSING: { step: 4, meaning: 'No kube-proxy pod runs on a node that matters for the path.', why: 'That node has no (or stale) Service rules: connections to the VIP or node port fail there.', fix: 'Check the kube-proxy DaemonSet (node selector, tolerations) and the node.' },
  KUBE_PROXY_NOT_READY: { step: 4, meaning: 'The kube-proxy pod on a node that matters is not ready or restarting.', why: 'Its rules go stale: new endpoints are not programmed.', fix: 'Read its logs: `kubectl logs -n kube-system POD`.' },
  KUBE_PROXY_REPLACED: { step: 4, meaning: 'The cluster runs no kube-proxy (e.g. Cilium or another replacement).', why: 'Service routing is done by another component, which this step does not inspect.', fix: 'Inspect the replacement (e.g. `cilium service list`).' },
  NETPOL_BLOCKS_CLIENT: { step: 4, meaning: 'NetworkPolicies select the backend pods and none admits the client on the target port.', why: 'Connections from the client are dropped at the backend pods.', fix: 'Add an ingress rule admitting the client (pod and namespace selectors, port).' },
  // Step 5 — Ingress
  INGRESS_NOT_FOUND: { step: 5, meaning: 'The Ingress of the path does not exist.', why: 'The controller has no route for the host.', fix: 'Create the Ingress or pick the right one.' },
  INGRESS_CLASS_MISSING: { step: 5, meaning: 'The Ingress names an IngressClass that does not exist, or names none and there is no default.', why: 'No controller claims the Ingress: its rules are never served.', fix: 'Set spec.ingressClassName to an existing class.' },
  INGRESS_CONTROLLER_UNKNOWN: { step: 5, meaning: "The IngressClass's controller is not in Hopscope's controller profiles.", why: 'Its pods and metrics cannot be found, so the controller hop is unknown.', fix: 'Add a profile for this controller.' },
  INGRESS_NO_CONTROLLER_PODS: { step: 5, meaning: 'No pod of the ingress controller was found.', why: 'Nothing serves the Ingress.', fix: 'Check the controller Deployment / DaemonSet.' },
  INGRESS_CONTROLLER_POD_UNHEALTHY: { step: 5, meaning: 'An ingress controller pod is not ready or restarting.', why: 'Requests routed to it fail; others carry the load.', fix: 'Read the controller logs.' },
  INGRESS_NO_RULE_MATCH: { step: 5, meaning: 'No rule of the Ingress matches the host and path, and there is no default backend.', why: 'The controller answers 404 (or its default backend).', fix: 'Add a rule for the host and path, or fix pathType / host.' },
  INGRESS_BACKEND_NOT_SERVICE: { step: 5, meaning: 'The matching rule points at a resource backend, not a Service.', why: 'This path cannot be followed to pods.', fix: 'Inspect the resource backend.' },
  INGRESS_BACKEND_SERVICE_MISSING: { step: 5, meaning: "The matching rule's backend Service does not exist.", why: 'The controller answers 503.', fix: 'Create the Service or fix the name in the rule.' },
  INGRESS_BACKEND_PORT_MISSING: { step: 5, meaning: "The matching rule's backend port is not a port of the Service.", why: 'The controller has no upstream: it answers 503.', fix: 'Use a port name or number that the Service defines.' },
  INGRESS_TLS_HOST_NOT_COVERED: { step: 5, meaning: 'The Ingress has TLS, but not for this host.', why: 'HTTPS clients get the default certificate and fail verification.', fix: 'Add the host to a tls entry.' },
  INGRESS_TLS_SECRET_MISSING: { step: 5, meaning: 'The TLS Secret named for the host does not exist.', why: 'The controller serves its fake default certificate.', fix: 'Create the Secret (cert-manager, or `kubectl create secret tls`).' },
  // Sources
  SOURCE_UNAVAILABLE: { step: 1, meaning: 'A source could not be read (403, timeout, 5xx, unreachable).', why: 'What it would have shown is unknown, never assumed healthy.', fix: 'Grant the permission named in the evidence, or check the API server / Prometheus.' },
} as const satisfies Record<string, CodeEntry>;

export type FindingCode = keyof typeof CATALOGUE;

export function isFindingCode(value: string): value is FindingCode {
  return Object.hasOwn(CATALOGUE, value);
}
