// A scenario's data plane, read from its cluster.yaml and probes.yaml as a real cluster would run
// it: every node a namespace, kube-proxy on the nodes whose kube-proxy pod runs, every Running pod
// with its own IP a namespace — CoreDNS in the ready kube-dns pods, the path's client with nothing
// in it, every other ready pod answering on its TCP container ports and a pod that is not ready
// answering nothing (a refused connection, as from a crashed app). probes.yaml says otherwise:
//   pods:        { <namespace/name or pod IP>: answer | answer:503 | reset-every:4 | hang | slow-first-byte:300 | refuse }
//   kubeProxy:   { <node>: stopped }    kube-proxy ran on the node, then stopped (its rules stay)
//   before:      edits that give the cluster as it was while that kube-proxy still ran:
//                - { kind: Pod, namespace: shop, name: web-1, status: { podIP: 10.244.3.7 } }  (merged)
//                - { kind: Service, namespace: shop, name: web, absent: true }
// The harness loads the cluster as it was, starts the data plane, stops those kube-proxies, then
// loads the cluster as it is: the stopped ones keep the rules they had.
import type { KubeObject, Scenario } from './scenario';
import type { PlaneNode, PlanePod, PlaneSpec } from './data-plane';

/**
 * Where a path with no client pod (NodePort, Ingress) is probed from: Hopscope's own server pod on
 * the first node, its third vantage point. Not an object of the scenario: only a namespace.
 */
export const SERVER_POD = 'hopscope/hopscope-server';

export interface ScenarioProbes {
  pods?: Record<string, string>;
  kubeProxy?: Record<string, 'stopped'>;
  before?: BeforeEdit[];
}

interface BeforeEdit {
  kind: string;
  namespace?: string;
  name: string;
  absent?: boolean;
  [field: string]: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: unknown, edit: unknown): unknown {
  if (!isObject(base) || !isObject(edit)) return edit;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(edit)) out[k] = merge(base[k], v);
  return out;
}

/** The scenario as it was before the change probes.yaml's `before` undoes, or null if none. */
export function scenarioBefore(scenario: Scenario): Scenario | null {
  const edits = ((scenario.probes ?? {}) as ScenarioProbes).before;
  if (!edits?.length) return null;
  let objects = [...scenario.objects] as Obj[];
  for (const { kind, namespace, name, absent, ...fields } of edits) {
    const at = objects.findIndex(
      (o) =>
        o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? '') === (namespace ?? ''), // prettier-ignore
    );
    if (at < 0) throw new Error(`probes.yaml before: no ${kind} ${namespace ?? ''}/${name}`);
    if (absent) objects = objects.filter((_, i) => i !== at);
    else objects[at] = merge(objects[at], fields) as Obj;
  }
  return { ...scenario, objects };
}

type Obj = KubeObject & {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

const isReady = (pod: Obj) =>
  ((pod.status?.conditions as { type: string; status: string }[] | undefined) ?? []).some(
    (c) => c.type === 'Ready' && c.status === 'True',
  );

export function planeFromScenario(
  scenario: Scenario,
  client: { namespace: string; pod: string } | undefined,
): { spec: PlaneSpec; kubeProxyStopped: string[] } {
  const probes = (scenario.probes ?? {}) as ScenarioProbes;
  const objects = scenario.objects as Obj[];
  const pods = objects.filter((o) => o.kind === 'Pod' && o.status?.phase === 'Running');
  const nodes: PlaneNode[] = objects
    .filter((o) => o.kind === 'Node')
    .map((n) => ({
      name: n.metadata.name,
      ip:
        (n.status?.addresses as { type: string; address: string }[] | undefined)?.find(
          (a) => a.type === 'InternalIP',
        )?.address ?? '',
      kubeProxy: pods.some(
        (p) =>
          p.metadata.labels?.['k8s-app'] === 'kube-proxy' && p.spec?.nodeName === n.metadata.name,
      ),
    }))
    .filter((n) => n.ip !== '');
  const nodeIps = new Set(nodes.map((n) => n.ip));
  const taken = new Set<string>();
  const planePods: PlanePod[] = [];
  for (const pod of pods) {
    const podIp = pod.status?.podIP as string | undefined;
    const node = pod.spec?.nodeName as string | undefined;
    // hostNetwork pods share the node's namespace; a second pod on an IP is the leak, not a pod.
    if (!podIp || !node || nodeIps.has(podIp) || taken.has(podIp)) continue;
    taken.add(podIp);
    const name = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const said = probes.pods?.[name] ?? probes.pods?.[podIp];
    const isClient = client && name === `${client.namespace}/${client.pod}`;
    const ports = (
      (pod.spec?.containers as { ports?: { containerPort: number; protocol?: string }[] }[]) ?? []
    )
      .flatMap((c) => c.ports ?? [])
      .filter((p) => (p.protocol ?? 'TCP') === 'TCP')
      .map((p) => p.containerPort);
    const behaviour = said ?? (isReady(pod) ? 'answer' : 'refuse');
    planePods.push({
      name,
      node,
      ip: podIp,
      role: isClient
        ? { kind: 'client' }
        : pod.metadata.labels?.['k8s-app'] === 'kube-dns'
          ? isReady(pod) && said !== 'refuse'
            ? { kind: 'coredns' }
            : { kind: 'listener', ports: [] }
          : {
              kind: 'listener',
              ports: behaviour === 'refuse' ? [] : ports.map((port) => ({ port, behaviour })),
            },
    });
  }
  const first = nodes[0];
  const podCidr = (objects.find((o) => o.kind === 'Node' && o.metadata.name === first?.name)?.spec
    ?.podCIDR ?? '') as string;
  if (first && /^\d+\.\d+\.\d+\.0\/24$/.test(podCidr) && !client)
    planePods.push({
      name: SERVER_POD,
      node: first.name,
      ip: podCidr.replace(/0\/24$/, '250'),
      role: { kind: 'client' },
    });
  const usedNodes = new Set(planePods.map((p) => p.node));
  return {
    spec: { nodes: nodes.filter((n) => usedNodes.has(n.name) || n.kubeProxy), pods: planePods },
    kubeProxyStopped: Object.entries(probes.kubeProxy ?? {})
      .filter(([, state]) => state === 'stopped')
      .map(([node]) => node),
  };
}
