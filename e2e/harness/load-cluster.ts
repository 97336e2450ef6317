// Loads a scenario's manifests into the real test cluster: objects are applied server-side,
// then each written-down status goes through the status subresource, as a kubelet would.
// Everything loaded carries a label, so the next load removes exactly what this one made.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { kubectl, kubectlJson } from './kubectl';
import type { KubeObject, Scenario } from './scenario';
import { clusterDir } from './test-env';

export const SCENARIO_LABEL = 'hopscope.dev/scenario';
const FIELD_MANAGER = 'hopscope-scenario';
const KWOK_MANAGED = 'kwok.x-k8s.io/node';
const PINNED_STATUS = 'hopscope.dev/status';
/** Holds a pod the scenario wants Terminating: deleted after load, it keeps its deletionTimestamp. */
const KEEP_TERMINATING = 'hopscope.dev/keep-terminating';

const NAMESPACED_KINDS =
  'pods,secrets,services,deployments,replicasets,daemonsets,configmaps,networkpolicies,ingresses,events,leases,endpointslices,serviceaccounts';
const CLUSTER_KINDS = 'nodes,ingressclasses';
/**
 * Gateway API kinds a scenario may hold, when the cluster serves them (cluster.sh installs the
 * CRDs; a cluster without them is reset all the same). Full names: another project's `gateways`
 * must not be meant.
 */
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
const GATEWAY_API_NAMESPACED = [
  'gateways',
  'httproutes',
  'grpcroutes',
  'referencegrants',
  'backendtlspolicies',
];
const GATEWAY_API_CLUSTER = ['gatewayclasses'];

interface ListOf<T> {
  items: T[];
}

/**
 * Waits until nothing of `kinds` carries the selector. Polled rather than `kubectl delete --wait`:
 * kubectl's wait watches each object in turn, and after the scale benchmark (30,000 pods, a
 * thousand Services and their slices) it stalled for many minutes with nothing left to delete.
 */
async function untilGone(
  kinds: string,
  selector: string,
  scope: 'namespaced' | 'cluster',
  timeoutMs = 600_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const where = scope === 'namespaced' ? ['-A'] : [];
  for (;;) {
    const left = (await kubectl(['get', kinds, ...where, selector, '-o', 'name'])).trim();
    if (left === '') return;
    if (Date.now() > deadline)
      throw new Error(
        `${left.split('\n').length} objects (${kinds}) still there after ${timeoutMs / 1000} s`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The Gateway API resources (`httproutes.gateway.networking.k8s.io`, …) the cluster serves. */
async function servedGatewayApiResources(): Promise<{ namespaced: string[]; cluster: string[] }> {
  const served = new Set(
    (await kubectl(['api-resources', `--api-group=${GATEWAY_API_GROUP}`, '-o', 'name']))
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  const pick = (names: string[]) =>
    names.map((n) => `${n}.${GATEWAY_API_GROUP}`).filter((n) => served.has(n));
  return { namespaced: pick(GATEWAY_API_NAMESPACED), cluster: pick(GATEWAY_API_CLUSTER) };
}

export async function resetCluster(): Promise<void> {
  const selector = `-l${SCENARIO_LABEL}`;
  const gatewayApi = await servedGatewayApiResources();
  // Pods a scenario keeps Terminating hold finalizers; drop them so the pods can go.
  const pods = await kubectlJson<ListOf<KubeObject>>(['get', 'pods', '-A', selector]);
  for (const pod of pods.items) {
    if (Array.isArray(pod.metadata.finalizers) && pod.metadata.finalizers.length > 0) {
      await kubectl([
        'patch',
        'pod',
        '-n',
        pod.metadata.namespace ?? 'default',
        pod.metadata.name,
        '--type=merge',
        '-p',
        '{"metadata":{"finalizers":null}}',
      ]);
    }
  }
  await kubectl([
    'delete',
    'pods',
    '-A',
    selector,
    '--grace-period=0',
    '--force',
    '--ignore-not-found',
    '--wait=false',
  ]);
  await untilGone('pods', selector, 'namespaced');
  const namespaced = [NAMESPACED_KINDS, ...gatewayApi.namespaced].join(',');
  const clusterScoped = [CLUSTER_KINDS, ...gatewayApi.cluster].join(',');
  await kubectl(['delete', namespaced, '-A', selector, '--ignore-not-found', '--wait=false']);
  await untilGone(namespaced, selector, 'namespaced');
  await kubectl(['delete', clusterScoped, selector, '--ignore-not-found', '--wait=false']);
  await untilGone(clusterScoped, selector, 'cluster');
  await removeStaleEndpointSlices();
}

/**
 * The endpoint controller may write one more slice for a Service while it is being deleted, and
 * the garbage collector removes it only later; a stale slice would leak into the next scenario
 * (kube-proxy, and Hopscope, read every slice labelled with the Service name). Wait it out.
 */
/**
 * EndpointSlices the controller keeps for Services that are gone (the scenario's, just deleted)
 * are removed and waited for; slices of Services that still exist, the scenario's or not, are
 * left alone.
 */
async function removeStaleEndpointSlices(): Promise<void> {
  const managed = '-lendpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io';
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [slices, services] = await Promise.all([
      kubectlJson<ListOf<KubeObject>>(['get', 'endpointslices', '-A', managed]),
      kubectlJson<ListOf<KubeObject>>(['get', 'services', '-A']),
    ]);
    const live = new Set(services.items.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
    const orphans = slices.items.filter((slice) => {
      const service = slice.metadata.labels?.['kubernetes.io/service-name'];
      return !live.has(`${slice.metadata.namespace}/${service}`);
    });
    if (orphans.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `EndpointSlices left behind after reset: ${orphans.map((s) => s.metadata.name).join(', ')}`,
      );
    for (const ns of new Set(orphans.map((s) => s.metadata.namespace ?? 'default')))
      await kubectl([
        'delete',
        'endpointslices',
        '-n',
        ns,
        ...orphans
          .filter((s) => (s.metadata.namespace ?? 'default') === ns)
          .map((s) => s.metadata.name),
        '--ignore-not-found',
        '--wait=true',
      ]);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function readyStatus(node: KubeObject): string | undefined {
  const conditions = (
    node.status as { conditions?: { type: string; status: string }[] } | undefined
  )?.conditions;
  return conditions?.find((c) => c.type === 'Ready')?.status;
}

/**
 * On the test bed kwok is every live node's kubelet, at localhost on its port: the API server
 * reaches a kubelet by the node's Hostname address (cluster.sh) and the port the node reports, so
 * pods/log and pods/exec work on every scenario's nodes. A port the scenario wrote is kept.
 */
function withTestBedKubelet(object: KubeObject): KubeObject {
  if (object.kind !== 'Node' || !object.status || readyStatus(object) === 'Unknown') return object;
  const status = object.status as {
    addresses?: { type: string; address: string }[];
    daemonEndpoints?: unknown;
  };
  return {
    ...object,
    status: {
      ...status,
      addresses: (status.addresses ?? []).map((a) =>
        a.type === 'Hostname' ? { ...a, address: 'localhost' } : a,
      ),
      daemonEndpoints: status.daemonEndpoints ?? {
        kubeletEndpoint: { Port: Number(process.env.KWOK_PORT ?? 26080) },
      },
    },
  };
}

/** A manifest that carries a deletionTimestamp describes an object that is being deleted. */
function terminating(object: KubeObject): boolean {
  return Boolean((object.metadata as { deletionTimestamp?: string }).deletionTimestamp);
}

function prepare(object: KubeObject, scenario: string): KubeObject {
  const { status: _status, ...rest } = object;
  // The API server sets deletionTimestamp itself; a finalizer keeps the object while it is set.
  // Who wrote the object when (managedFields) is set after it exists: see backdateWrites.
  const {
    deletionTimestamp: _deleting,
    managedFields: _writes,
    ...fields
  } = rest.metadata as KubeObject['metadata'] & {
    deletionTimestamp?: string;
    managedFields?: unknown;
  };
  const metadata = {
    ...fields,
    labels: { ...rest.metadata.labels, [SCENARIO_LABEL]: scenario },
    ...(terminating(object) && !Array.isArray(rest.metadata.finalizers)
      ? { finalizers: [KEEP_TERMINATING] }
      : {}),
  };
  // A status the scenario wrote down is pinned: kwok's stages leave such objects alone.
  if (object.status) metadata.annotations = { ...metadata.annotations, [PINNED_STATUS]: 'pinned' };
  // kwok keeps the heartbeat of nodes whose kubelet is alive; a node the scenario marks
  // Ready=Unknown has a dead kubelet, so nobody renews its lease.
  if (object.kind === 'Node' && readyStatus(object) !== 'Unknown') {
    metadata.annotations = { [KWOK_MANAGED]: 'fake', ...metadata.annotations };
  }
  return { ...rest, metadata };
}

const KIND_ORDER = [
  'Namespace',
  'Node',
  'IngressClass',
  'GatewayClass',
  'ConfigMap',
  'Service',
  'Deployment',
  'DaemonSet',
  'ReplicaSet',
  'Pod',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'ReferenceGrant',
];
function order(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
}

function toYamlStream(objects: KubeObject[]): string {
  return objects.map((o) => stringify(o)).join('---\n');
}

async function waitForEndpointSlices(objects: KubeObject[]): Promise<void> {
  const services = objects.filter(
    (o) => o.kind === 'Service' && (o.spec as { selector?: object } | undefined)?.selector,
  );
  const deadline = Date.now() + 15_000;
  let previous = '';
  for (;;) {
    const seen: string[] = [];
    for (const svc of services) {
      const list = await kubectlJson<ListOf<KubeObject>>([
        'get',
        'endpointslices',
        '-n',
        svc.metadata.namespace ?? 'default',
        '-l',
        `kubernetes.io/service-name=${svc.metadata.name}`,
      ]);
      seen.push(JSON.stringify(list.items.map((s) => s.endpoints ?? [])));
    }
    const current = seen.join('|');
    if (current === previous && seen.every((s) => s !== '[]')) return;
    if (Date.now() > deadline) return; // a scenario may have Services whose slices never appear
    previous = current;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function loadCluster(
  scenario: Scenario,
): Promise<{ objects: number; statuses: number }> {
  await resetCluster();
  // kwok reads this file on every pods/log request (see cluster.sh, ClusterLogs).
  mkdirSync(path.join(clusterDir, 'container-logs'), { recursive: true });
  writeFileSync(path.join(clusterDir, 'container-logs/default.log'), scenario.containerLogs ?? '');
  const loaded = await addToCluster(scenario.name, scenario.objects);
  await waitForEndpointSlices(scenario.objects);
  await backdateWrites(scenario);
  return loaded;
}

/** Kinds whose writes "what changed" reads, and that no controller of the test cluster rewrites. */
const WRITTEN_KINDS = 'services,ingresses,networkpolicies,configmaps,daemonsets,replicasets';
const LONG_AGO_MS = 30 * 24 * 3600_000;

interface ManagedField {
  manager: string;
  operation: string;
  time?: string;
  subresource?: string;
  [k: string]: unknown;
}

/**
 * The loader's own write (server-side apply as hopscope-scenario) as the object's creator in the
 * cluster a scenario stands for: `kubectl apply`, long ago. (The API server keeps a list it is
 * given only when it differs from the live one by more than its times.)
 */
function olderWrites(live: ManagedField[], time: string): ManagedField[] {
  const own = live.find((m) => m.subresource !== 'status');
  const status = live.filter((m) => m.subresource === 'status').map((m) => ({ ...m, time }));
  return [
    ...(own ? [{ ...own, manager: 'kubectl-client-side-apply', operation: 'Update', time }] : []),
    ...status,
  ];
}

/**
 * A scenario's objects were created just now, but in the cluster it stands for they were written
 * long before the incident: their writes (managedFields) are set to what the scenario says
 * (`metadata.managedFields` with relative times, e.g. a `kubectl-edit` of the selector at
 * `${now-12m}`) or else dated 30 days back. A replace that changes no field keeps the list it is
 * given; one that lost a race with a controller is tried again.
 */
async function backdateWrites(scenario: Scenario): Promise<void> {
  const declared = new Map(
    scenario.objects
      .filter((o) => (o.metadata as { managedFields?: unknown }).managedFields)
      .map((o) => [
        `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
        o.metadata.managedFields as ManagedField[],
      ]),
  );
  const longAgo = new Date(Date.now() - LONG_AGO_MS).toISOString().replace(/\.\d+Z$/, 'Z');
  for (let attempt = 1; ; attempt++) {
    const live = await kubectlJson<ListOf<KubeObject>>([
      'get',
      WRITTEN_KINDS,
      '--show-managed-fields',
      '-A',
      '-l',
      `${SCENARIO_LABEL}=${scenario.name}`,
    ]);
    if (live.items.length === 0) return;
    for (const o of live.items) {
      const meta = o.metadata as { managedFields?: ManagedField[] };
      meta.managedFields =
        declared.get(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`) ??
        olderWrites(meta.managedFields ?? [], longAgo);
    }
    try {
      await kubectl(
        ['replace', '--field-manager=hopscope-backdate', '-f', '-'],
        JSON.stringify({ apiVersion: 'v1', kind: 'List', items: live.items }),
      );
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * Applies objects on top of what the cluster holds, labelled as the scenario's (so the next
 * reset removes them), with their written-down statuses. Large sets go in chunks, two at a time.
 */
export async function addToCluster(
  scenario: string,
  objects: KubeObject[],
  chunkSize = 2_000,
): Promise<{ objects: number; statuses: number }> {
  const sorted = objects.map(withTestBedKubelet).sort((a, b) => order(a.kind) - order(b.kind));
  // Gateway API's ReferenceGrant has no status (nor a status subresource): say so, not drop it.
  const granted = sorted.find((o) => o.kind === 'ReferenceGrant' && o.status);
  if (granted)
    throw new Error(`${scenario}: ReferenceGrant ${granted.metadata.name} has no status to write`);
  const prepared = sorted.map((o) => prepare(o, scenario));
  // Kinds are applied in order (a Namespace before what it holds); chunks of one kind in parallel.
  const byKind = new Map<string, KubeObject[]>();
  for (const o of prepared) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
  for (const group of byKind.values()) {
    const chunks: KubeObject[][] = [];
    for (let i = 0; i < group.length; i += chunkSize) chunks.push(group.slice(i, i + chunkSize));
    for (let i = 0; i < chunks.length; i += 2)
      await Promise.all(
        chunks
          .slice(i, i + 2)
          .map((chunk) =>
            kubectl(
              [
                'apply',
                '--server-side',
                '--force-conflicts',
                `--field-manager=${FIELD_MANAGER}`,
                '-f',
                '-',
              ],
              toYamlStream(chunk),
            ),
          ),
      );
  }

  const withStatus = sorted.filter((o) => o.status && o.kind !== 'Namespace');
  if (withStatus.length > 0) {
    const statusDocs = withStatus.map((o) => ({ ...prepare(o, scenario), status: o.status }));
    for (let i = 0; i < statusDocs.length; i += chunkSize)
      await kubectl(
        ['replace', '--subresource=status', '-f', '-'],
        toYamlStream(statusDocs.slice(i, i + chunkSize)),
      );
  }
  // Objects written as Terminating are deleted now: their finalizer keeps them, Terminating.
  for (const o of sorted.filter(terminating)) {
    await kubectl([
      'delete',
      o.kind.toLowerCase(),
      ...(o.metadata.namespace ? ['-n', o.metadata.namespace] : []),
      o.metadata.name,
      '--wait=false',
    ]);
  }
  return { objects: prepared.length, statuses: withStatus.length };
}
