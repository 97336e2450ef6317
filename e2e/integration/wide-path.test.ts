// A Service spread over more nodes than the collector reads one by one, against the real API
// server: what is read follows the path (Nodes by their hostname label, 30 names a LIST;
// kube-proxy on a bounded number of nodes), a node whose hostname label differs from its name is
// still read, and kube-proxy missing on an examined node is still caught.
import { KubeConfig } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/checks/diagnose';
import { makeKubeApis } from '@/lib/sources/kube/api';
import { collectSnapshot, MAX_KUBE_PROXY_NODES, MAX_LEASE_NODES } from '@/lib/sources/kube/collect';
import { ensureCluster } from '../harness/ensure-cluster';
import { loadCluster } from '../harness/load-cluster';
import type { KubeObject } from '../harness/scenario';
import { testEnv } from '../harness/test-env';

const NODES = 14;
const nodeName = (i: number) => `wide-node-${String(i).padStart(2, '0')}`;
/** Its kubelet registered under another hostname (a cloud provider's naming, say). */
const RENAMED = NODES - 1;
/** kube-proxy is not running here: among the nodes examined first. */
const NO_PROXY = 2;

function objects(): KubeObject[] {
  const now = new Date().toISOString();
  const out: KubeObject[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'wide' } }];
  for (let i = 0; i < NODES; i++) {
    out.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: nodeName(i),
        labels: { 'kubernetes.io/hostname': i === RENAMED ? 'ip-10-1-0-13' : nodeName(i) },
      },
      spec: { podCIDR: `10.120.${i}.0/24` },
      status: {
        addresses: [{ type: 'InternalIP', address: `10.2.0.${i + 1}` }],
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
            lastHeartbeatTime: now,
            lastTransitionTime: now,
          },
        ],
      },
    });
    out.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `web-${i}`, namespace: 'wide', labels: { app: 'web' } },
      spec: {
        nodeName: nodeName(i),
        containers: [
          { name: 'web', image: 'web:1', ports: [{ name: 'http', containerPort: 8080 }] },
        ],
      },
    });
    if (i !== NO_PROXY)
      out.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `kube-proxy-wide-${i}`,
          namespace: 'kube-system',
          labels: { 'k8s-app': 'kube-proxy' },
        },
        spec: {
          nodeName: nodeName(i),
          hostNetwork: true,
          containers: [{ name: 'kube-proxy', image: 'kube-proxy:1' }],
        },
      });
  }
  out.push({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: { containers: [{ name: 'kube-proxy', image: 'kube-proxy:1' }] },
      },
    },
  });
  out.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'wide' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
  });
  return out;
}

beforeAll(async () => {
  ensureCluster();
  await loadCluster({ name: 'wide-path', dir: '', objects: objects(), expectations: [] });
}, 180_000);

describe('a Service over more nodes than are read one by one', () => {
  it('reads the nodes by hostname label, the renamed one by name, kube-proxy on a bounded few', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(testEnv.kubeconfig);
    const now = new Date();
    const path = {
      kind: 'clusterip' as const,
      namespace: 'wide',
      service: 'web',
      port: 80,
      window: { minutes: 30 },
    };
    let snapshot = await collectSnapshot(makeKubeApis(kc), path, 'hopscope-test', now);
    // kwok starts the pods; wait until all fourteen are named on their nodes.
    for (let i = 0; i < 40 && Object.keys(snapshot.nodes).length < NODES; i++) {
      await new Promise((r) => setTimeout(r, 500));
      snapshot = await collectSnapshot(makeKubeApis(kc), path, 'hopscope-test', new Date());
    }
    expect(Object.keys(snapshot.nodes).sort()).toStrictEqual(
      Array.from({ length: NODES }, (_, i) => nodeName(i)),
    );
    for (const [name, node] of Object.entries(snapshot.nodes)) {
      expect(node, name).toMatchObject({ value: { name } });
      const ready = 'value' in node ? node.value?.conditions.find((c) => c.type === 'Ready') : null;
      expect(ready?.status, name).toBe('True');
    }
    expect(snapshot.nodesPartial).toBeUndefined();
    // Heartbeats (Leases, kwok renews them) read for the first few nodes only, by name, and for
    // the renamed node, read by name with its Lease.
    const withLease = Object.values(snapshot.nodes).filter(
      (n) => 'value' in n && n.value && !n.value.leaseNotExamined,
    );
    expect(withLease).toHaveLength(MAX_LEASE_NODES + 1);
    for (const n of withLease)
      expect('value' in n && n.value?.leaseRenewTime).toEqual(expect.any(String));

    const kubeProxy = snapshot.kubeProxy;
    if (!kubeProxy || !('value' in kubeProxy)) throw new Error('kube-proxy was not read');
    expect(Object.keys(kubeProxy.value.podsByNode)).toHaveLength(MAX_KUBE_PROXY_NODES);
    expect(kubeProxy.value.partial).toStrictEqual({ checked: MAX_KUBE_PROXY_NODES, of: NODES });

    // Service, slices, pods, events, policies, the nodes in one LIST, 8 Leases, the renamed node
    // and its Lease by name, kube-proxy's DaemonSet, ConfigMap and its pods on 8 nodes, DNS.
    expect(snapshot.meta.apiRequests).toBeLessThanOrEqual(40);

    const d = diagnose(snapshot, new Date());
    const codes = d.findings.map((f) => `${f.code}${f.member ? `:${f.member}` : ''}`);
    expect(codes).toContain(`KUBE_PROXY_MISSING:${nodeName(NO_PROXY)}`);
    expect(codes).toContain('KUBE_PROXY_PARTLY_CHECKED');
    expect(d.findings.map((f) => f.title)).toContain(
      `heartbeats (node Leases) read for ${MAX_LEASE_NODES + 1} of ${NODES} nodes of the path; the others were judged by their conditions only`,
    );
    // No node is said to have stopped heartbeating because its Lease was not read.
    expect(codes.filter((c) => c.startsWith('NODE_HEARTBEAT_STALE'))).toStrictEqual([]);
  });
});
