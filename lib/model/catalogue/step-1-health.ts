// Step 1 — node / pod health: node conditions and heartbeats, pod state, endpoint IPs and their
// holders, and saturation from Prometheus.
import type { CodeEntry } from './code-entry';

export const STEP_1_CODES = {
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
  POD_WARNING_EVENTS: {
    step: 1,
    meaning:
      'The kubelet or scheduler reported Warning events about a backend pod in the window that no other finding explains (a sandbox whose network cannot be set up, a volume that does not mount, a failed preStop hook).',
    why: 'They are often the only trace of why a pod never started or keeps failing; the pod may look merely "not ready" or "ContainerCreating".',
    fix: 'Read the event message: FailedCreatePodSandBox points at the CNI plugin on the node, FailedMount at the volume or its Secret / ConfigMap.',
  },
  POD_EVICTED: {
    step: 1,
    meaning: 'A backend pod was evicted by the kubelet (phase Failed, reason Evicted).',
    why: 'The node ran short of memory, disk or PIDs and killed the pod; it serves nothing and its replacement may be evicted the same way.',
    fix: 'Free the resource the eviction message names on the node (often ephemeral storage: logs, emptyDir, images), set requests and limits for it, then delete the evicted pod.',
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
      'The Service has more endpoint addresses than Hopscope looks up one by one; a sample was checked for duplicate or leaked holders, the likeliest first.',
    why: 'A duplicated IP among the unchecked addresses would go unseen.',
    fix: 'Check the rest with `kubectl get pods -A --field-selector status.podIP=IP` for the addresses you suspect.',
  },
  MEMBERS_PARTLY_CHECKED: {
    step: 1,
    meaning:
      'The path has more pods or nodes than one diagnosis examines; the first ones were checked and the count is given.',
    why: 'A failing pod or node among those not examined would go unseen; the verdicts speak only for the ones checked.',
    fix: 'Diagnose a narrower path (one client, one entry node), or check the rest with `kubectl get pods -o wide` and `kubectl get nodes`.',
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
} as const satisfies Record<string, CodeEntry>;
