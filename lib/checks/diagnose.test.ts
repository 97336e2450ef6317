// One case per failure mode: break one thing in a healthy snapshot and assert the codes, the
// hop verdicts, the answer and, where a case pins them, whole findings. The healthy cases assert
// that nothing is reported.
import { STEP_5_GATEWAY_CODES } from '@/lib/model/catalogue/step-5-gateway';
import { english } from '@/lib/i18n/message';
import { translator } from '@/lib/i18n/translate';
import '@/lib/i18n/all';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type FindingCode } from '@/lib/model/catalogue';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { Finding } from '@/lib/model/finding';
import type {
  CertificateInfo,
  IngressSide,
  NetworkPolicyInfo,
  Snapshot,
  TlsEvidence,
} from '@/lib/model/snapshot';
import {
  NOW,
  WEB_PODS,
  ago,
  backend,
  clusterIpSnapshot,
  dns,
  ingressSide,
  ingressSnapshot,
  node,
  nodePortSnapshot,
  notReady,
  pod,
  result,
  service,
  sliceFor,
  withMetrics,
} from '@/lib/testing/snapshot-fixtures';
import {
  hopVerdict,
  englishOnly,
  sameFinding,
  type DiagnosisCase,
  type HopKey,
} from '@/lib/testing/diagnosis-cases';
import { badCommands, cmd, destructive } from '@/lib/testing/commands';
import { diagnose } from './diagnose';

const hop = hopVerdict;

/** The healthy Ingress side with its TLS evidence changed. */
function tlsSide(patch: Partial<TlsEvidence>): IngressSide {
  const side = ingressSide();
  return { ...side, tls: { ...side.tls!, ...patch } };
}

function certificate(status: 'True' | 'False', reason: string): CertificateInfo {
  return {
    name: 'shop-tls',
    secretName: 'shop-tls',
    ready: { type: 'Ready', status, reason, message: `Certificate is ${reason}` },
  };
}
const codes = (d: Diagnosis) => d.findings.map((f) => f.code).sort();

const EXTERNAL_NAME_NOT_RESOLVED: Finding = {
  code: 'DNS_EXTERNAL_NOT_RESOLVED',
  step: 3,
  hop: 'dns-external',
  severity: 'unknown',
  title: 'shop.example.com was not resolved here; the load balancer publishes 203.0.113.7',
  evidence: [
    {
      kind: 'object',
      ref: 'networking.k8s.io/v1 Ingress shop/web',
      field: 'status.loadBalancer.ingress',
      value: [{ ip: '203.0.113.7' }],
    },
  ],
  remediation: {
    text: 'Compare `dig +short HOST` with the load balancer address in the evidence.',
    commands: [cmd('dig +short shop.example.com')],
  },
};

describe('healthy paths', () => {
  it.each([
    ['clusterip', clusterIpSnapshot()],
    ['nodeport', nodePortSnapshot()],
  ])('%s: every hop ok, no finding, summary ok', (_kind, snapshot) => {
    const d = diagnose(snapshot, NOW);
    expect(d.findings).toEqual([]);
    expect(d.hops.filter((h) => h.verdict !== 'skipped').map((h) => [h.kind, h.verdict])).toEqual(
      d.hops.filter((h) => h.verdict !== 'skipped').map((h) => [h.kind, 'ok']),
    );
    expect(d.summary).toMatchObject({ verdict: 'ok', hop: null });
  });

  it('ingress: everything ok but external DNS, which was not resolved, is unknown — never ok', () => {
    const d = diagnose(ingressSnapshot(), NOW);
    expect(d.findings.map(englishOnly)).toStrictEqual([EXTERNAL_NAME_NOT_RESOLVED]);
    expect(d.steps.find((s) => s.id === 3)?.verdict).toBe('unknown');
    expect(hop(d, 'dns-external')).toBe('unknown');
    expect(d.summary.verdict).toBe('unknown');
  });

  it('steps that do not apply are skipped with a reason; steps that did not run are unknown', () => {
    const d = diagnose(nodePortSnapshot(), NOW);
    expect(d.steps.map((s) => s.verdict)).toEqual([
      'ok',
      'unknown',
      'skipped',
      'ok',
      'skipped',
      'unknown',
    ]);
    expect(d.steps[2]?.reason).toMatch(/NodePort/);
    expect(hop(d, 'load-balancer')).toBe('skipped');
  });
});

type Case = DiagnosisCase;

/** A node whose kubelet stopped posting status: Ready=Unknown. */
const kubeletGone = (name: string) =>
  node(name, {
    conditions: [
      {
        type: 'Ready',
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastTransitionTime: ago(60_000),
      },
    ],
  });

const pleg = () => {
  const s = clusterIpSnapshot([
    notReady(pod('web-1', '10.244.2.10', 'worker-2')),
    notReady(pod('web-2', '10.244.2.11', 'worker-2')),
  ]);
  s.nodes['worker-2'] = {
    value: node('worker-2', {
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'KubeletNotReady',
          message: 'PLEG is not healthy: pleg was last seen active 6m0s ago',
          lastTransitionTime: ago(6 * 60_000),
        },
      ],
    }),
  };
  return s;
};

const cases: Case[] = [
  {
    name: 'node NotReady with PLEG: no ready endpoints is the answer, the node is the cause',
    snapshot: pleg,
    codes: [
      'NODE_NOT_READY',
      'NODE_RUNTIME_UNHEALTHY',
      'POD_ON_NOT_READY_NODE',
      'POD_ON_NOT_READY_NODE',
      'SVC_NO_READY_ENDPOINTS',
    ],
    hops: { endpoints: 'fail', pods: 'fail' },
    answer: 'endpoints',
    findings: [
      {
        code: 'SVC_NO_READY_ENDPOINTS',
        step: 4,
        hop: 'endpoints',
        severity: 'fail',
        title: 'Service shop/web has no ready endpoints (0 of 2) — on worker-2',
        evidence: [
          {
            kind: 'object',
            ref: 'discovery.k8s.io/v1 EndpointSlice shop/web-abc',
            field: 'endpoints[*].conditions.ready',
            value: [false, false],
          },
        ],
        remediation: {
          text: 'Find why the pods are not ready (step 1 findings).',
          commands: [
            cmd('kubectl get endpointslices -n shop -l kubernetes.io/service-name=web -o wide'),
            cmd('kubectl get pods -n shop -l app=web -o wide'),
          ],
        },
        subjects: ['ip/10.244.2.10', 'pod/web-1', 'node/worker-2', 'ip/10.244.2.11', 'pod/web-2'],
      },
      {
        code: 'NODE_RUNTIME_UNHEALTHY',
        step: 1,
        hop: 'node',
        member: 'worker-2',
        severity: 'fail',
        title:
          'node worker-2: container runtime unhealthy — PLEG is not healthy: pleg was last seen active 6m0s ago',
        evidence: [
          {
            kind: 'object',
            ref: 'v1 Node worker-2',
            field: 'status.conditions[Ready].message',
            value: 'PLEG is not healthy: pleg was last seen active 6m0s ago',
          },
        ],
        remediation: {
          text: CATALOGUE.NODE_RUNTIME_UNHEALTHY.fix,
          commands: [
            cmd('kubectl describe node worker-2'),
            cmd('ssh worker-2 -- sudo systemctl status containerd kubelet'),
            cmd('ssh worker-2 -- sudo crictl ps -a'),
          ],
        },
        subjects: ['node/worker-2'],
      },
    ],
  },
  {
    name: 'selector matches no pod: service fails, pods unknown, near misses named',
    snapshot: () => {
      const s = clusterIpSnapshot([]);
      s.backend = {
        ...backend([]),
        nearMisses: { value: [{ name: 'web-1', labelKey: 'app', want: 'wbe', has: 'web' }] },
        service: { value: service({ selector: { app: 'wbe' } }) },
      };
      return s;
    },
    codes: ['SVC_NO_READY_ENDPOINTS', 'SVC_SELECTOR_NO_MATCH'],
    hops: { service: 'fail', pods: 'unknown' },
    answer: 'service',
    findings: [
      {
        code: 'SVC_SELECTOR_NO_MATCH',
        step: 4,
        hop: 'service',
        severity: 'fail',
        title: 'Service shop/web selector app=wbe matches no pod — web-1 has app=web',
        evidence: [
          {
            kind: 'object',
            ref: 'v1 Service shop/web',
            field: 'spec.selector',
            value: { app: 'wbe' },
          },
          { kind: 'object', ref: 'v1 Pod shop/web-1', field: 'metadata.labels[app]', value: 'web' },
        ],
        remediation: {
          text: 'Pods almost match: label app is "web" where the Service wants "wbe". Fix whichever side is wrong.',
          commands: [
            cmd('kubectl get pods -n shop --show-labels'),
            cmd("kubectl get svc -n shop web -o jsonpath='{.spec.selector}'"),
          ],
        },
      },
    ],
  },
  {
    name: 'one pod of three down and out of rotation: pods warn, endpoints warn',
    snapshot: () => clusterIpSnapshot([notReady(WEB_PODS[0]!), WEB_PODS[1]!, WEB_PODS[2]!]),
    codes: ['POD_NOT_READY', 'SVC_SOME_ENDPOINTS_NOT_READY'],
    hops: { pods: 'warn', endpoints: 'warn' },
    answer: 'endpoints',
  },
  {
    name: 'a pod IP held by a second live pod: pods fail while the pod is in rotation',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.backend!.ipHolders['10.244.1.10'] = {
        value: [
          { namespace: 'shop', name: 'web-1', uid: 'uid-web-1', phase: 'Running', deleting: false },
          { namespace: 'shop', name: 'web-old', uid: 'x', phase: 'Running', deleting: false },
        ],
      };
      return s;
    },
    codes: ['POD_IP_DUPLICATE'],
    hops: { pods: 'fail', endpoints: 'ok' },
    answer: 'pods',
    findings: [
      {
        code: 'POD_IP_DUPLICATE',
        step: 1,
        hop: 'pods',
        member: 'web-1',
        severity: 'fail',
        title: 'pod IP 10.244.1.10 is held by 2 live pods: shop/web-1, shop/web-old',
        evidence: [
          { kind: 'object', ref: 'v1 Pod shop/web-1', field: 'status.podIP', value: '10.244.1.10' },
          {
            kind: 'object',
            ref: 'v1 Pod shop/web-old',
            field: 'status.podIP',
            value: '10.244.1.10',
          },
        ],
        remediation: {
          text: 'Traffic for 10.244.1.10 is split between 2 sandboxes; web-old should not hold it. Delete the stale pod or clean its leaked sandbox on the node.',
          commands: [
            cmd('kubectl get pods -A --field-selector status.podIP=10.244.1.10 -o wide'),
            destructive('kubectl delete pod -n shop web-old'),
          ],
        },
        subjects: ['pod/web-1', 'ip/10.244.1.10', 'pod/web-old'],
      },
    ],
  },
  {
    name: 'more endpoint addresses than are looked up: said so, not judged ok or failed',
    snapshot: () => {
      const s = clusterIpSnapshot();
      delete s.backend!.ipHolders['10.244.3.10'];
      return s;
    },
    codes: ['ENDPOINT_IPS_PARTLY_CHECKED'],
    hops: { endpoints: 'ok' },
  },
  {
    name: 'endpoint addresses sampled the likeliest first: examined N of M, with the order',
    snapshot: () => {
      const s = clusterIpSnapshot();
      delete s.backend!.ipHolders['10.244.3.10'];
      s.backend!.ipLookups = { order: 'first addresses no selected pod holds' };
      return s;
    },
    codes: ['ENDPOINT_IPS_PARTLY_CHECKED'],
    hops: { endpoints: 'ok' },
    findings: [
      {
        code: 'ENDPOINT_IPS_PARTLY_CHECKED',
        step: 1,
        hop: 'endpoints',
        severity: 'info',
        title: 'examined 2 of 3 endpoint addresses for duplicate or leaked holders',
        evidence: [
          { kind: 'note', text: 'chosen: first addresses no selected pod holds' },
          { kind: 'note', text: 'not looked up: 10.244.3.10' },
        ],
        remediation: { text: CATALOGUE.ENDPOINT_IPS_PARTLY_CHECKED.fix, commands: [] },
      },
    ],
  },
  {
    name: 'more pods and nodes on the path than are examined: "checked N of M", verdicts unchanged',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.backend!.podsPartial = { checked: 3 };
      s.nodesPartial = { checked: 3, of: 5 };
      return s;
    },
    codes: ['MEMBERS_PARTLY_CHECKED', 'MEMBERS_PARTLY_CHECKED'],
    hops: { pods: 'ok', node: 'ok' },
    findings: [
      {
        code: 'MEMBERS_PARTLY_CHECKED',
        step: 1,
        hop: 'pods',
        severity: 'info',
        title: 'checked the first 3 pods selected by the Service; more exist',
        evidence: [],
        remediation: {
          text: CATALOGUE.MEMBERS_PARTLY_CHECKED.fix,
          commands: [cmd('kubectl get pods -n shop -o wide')],
        },
      },
    ],
  },
  {
    name: 'kube-proxy pods read only up to their cap: the nodes checked are counted',
    snapshot: () => {
      const s = clusterIpSnapshot();
      if ('value' in s.kubeProxy) s.kubeProxy.value.partial = { checked: 1, of: 3 };
      return s;
    },
    codes: ['KUBE_PROXY_PARTLY_CHECKED'],
    hops: { 'kube-proxy': 'ok' },
  },
  {
    name: 'an endpoint address no pod holds',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.backend!.ipHolders['10.244.3.10'] = { value: [] };
      return s;
    },
    codes: ['ENDPOINT_IP_ORPHANED'],
    hops: { endpoints: 'fail' },
    answer: 'endpoints',
  },
  {
    name: 'an endpoint address held by another pod than its target',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.backend!.ipHolders['10.244.3.10'] = {
        value: [
          { namespace: 'shop', name: 'intruder', uid: 'y', phase: 'Running', deleting: false },
        ],
      };
      return s;
    },
    codes: ['ENDPOINT_IP_MISMATCH'],
    hops: { endpoints: 'fail' },
  },
  {
    name: 'crash loop with OOM kills and many restarts, out of rotation',
    snapshot: () =>
      clusterIpSnapshot([
        notReady({
          ...WEB_PODS[0]!,
          containers: [
            {
              ...WEB_PODS[0]!.containers[0]!,
              state: 'waiting',
              reason: 'CrashLoopBackOff',
              restartCount: 40,
              lastTermination: { reason: 'OOMKilled', exitCode: 137, finishedAt: ago(60_000) },
            },
          ],
        }),
        WEB_PODS[1]!,
        WEB_PODS[2]!,
      ]),
    codes: ['POD_CRASH_LOOP', 'POD_OOM_KILLED', 'POD_RESTARTING', 'SVC_SOME_ENDPOINTS_NOT_READY'],
    hops: { pods: 'warn' },
    findings: [
      {
        code: 'POD_CRASH_LOOP',
        step: 1,
        hop: 'pods',
        member: 'web-1',
        severity: 'fail',
        // The decisive fact (OOMKilled, exit 137) before the symptom; the remedy follows it.
        title:
          'pod web-1: container web keeps exiting — last OOMKilled (exit 137) 60s ago (CrashLoopBackOff, 40 restarts)',
        evidence: [
          {
            kind: 'object',
            ref: 'v1 Pod shop/web-1',
            field: 'status.containerStatuses[web].state.waiting',
            value: { reason: 'CrashLoopBackOff', message: undefined },
          },
          {
            kind: 'object',
            ref: 'v1 Pod shop/web-1',
            field: 'status.containerStatuses[web].lastState.terminated',
            value: { reason: 'OOMKilled', exitCode: 137, finishedAt: ago(60_000) },
          },
        ],
        remediation: {
          text: CATALOGUE.POD_OOM_KILLED.fix,
          commands: [
            cmd('kubectl describe pod -n shop web-1'),
            cmd('kubectl logs -n shop web-1 --previous --tail=50'),
          ],
        },
        subjects: ['pod/web-1', 'node/worker-1'],
      },
    ],
  },
  {
    name: 'a ready endpoint on a node that stopped reporting: stale, the endpoints hop warns',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.nodes['worker-2'] = { value: kubeletGone('worker-2') };
      return s;
    },
    codes: ['ENDPOINT_ON_NOT_READY_NODE', 'NODE_NOT_READY', 'POD_ON_NOT_READY_NODE'],
    hops: { endpoints: 'warn', pods: 'fail', node: 'fail' },
    answer: 'pods',
  },
  {
    name: 'every ready endpoint on a node that stopped reporting: the endpoints hop fails',
    snapshot: () => {
      const s = clusterIpSnapshot([
        pod('web-1', '10.244.2.10', 'worker-2'),
        pod('web-2', '10.244.2.11', 'worker-2'),
      ]);
      s.nodes['worker-2'] = { value: kubeletGone('worker-2') };
      return s;
    },
    codes: [
      'ENDPOINT_ON_NOT_READY_NODE',
      'NODE_NOT_READY',
      'POD_ON_NOT_READY_NODE',
      'POD_ON_NOT_READY_NODE',
    ],
    hops: { endpoints: 'fail' },
    answer: 'endpoints',
  },
  {
    name: 'a Service with the same port for UDP and TCP (DNS): no protocol mismatch',
    snapshot: () => {
      const dnsPods = WEB_PODS.map((p) => ({
        ...p,
        containers: [
          {
            ...p.containers[0]!,
            ports: [
              { name: 'dns', containerPort: 53, protocol: 'UDP' },
              { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
            ],
          },
        ],
      }));
      const s = clusterIpSnapshot(dnsPods);
      s.path = { ...s.path, kind: 'clusterip', port: 53 } as Snapshot['path'];
      s.backend = backend(
        dnsPods,
        service({
          ports: [
            { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
          ],
        }),
      );
      const slice = sliceFor(dnsPods, 'dns');
      slice.ports = [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ];
      s.backend.endpointSlices = { value: [slice] };
      return s;
    },
    codes: [],
    hops: { service: 'ok', endpoints: 'ok', pods: 'ok' },
  },
  {
    name: "a pod stuck creating its sandbox: the kubelet's Warning events are the evidence",
    snapshot: () => {
      const stuck = pod('web-4', '', 'worker-3', {
        phase: 'Pending',
        podIP: undefined,
        ready: false,
        conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
      });
      stuck.containers = stuck.containers.map((c) => ({
        ...c,
        ready: false,
        state: 'waiting',
        reason: 'ContainerCreating',
      }));
      const s = clusterIpSnapshot(WEB_PODS);
      s.backend = backend([...WEB_PODS, stuck]);
      s.backend.endpointSlices = { value: [sliceFor(WEB_PODS)] };
      s.backend.events = {
        value: [
          {
            involvedObject: 'Pod/shop/web-4',
            reason: 'FailedCreatePodSandBox',
            message:
              'Failed to create pod sandbox: plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized',
            count: 14,
            lastTimestamp: ago(60_000),
            type: 'Warning',
          },
          {
            involvedObject: 'Pod/shop/web-2',
            reason: 'FailedMount',
            message: 'an old warning, outside the window',
            count: 1,
            lastTimestamp: ago(3 * 60 * 60_000),
            type: 'Warning',
          },
        ],
      };
      return s;
    },
    codes: ['POD_WARNING_EVENTS'],
    hops: { pods: 'warn', 'pods/web-4': 'warn', 'pods/web-2': 'ok', endpoints: 'ok' },
  },
  {
    name: 'a pod evicted under DiskPressure: named with the node condition, not "not ready"',
    snapshot: () => {
      const evicted = pod('web-4', '10.244.2.40', 'worker-2', {
        phase: 'Failed',
        reason: 'Evicted',
        message: 'The node was low on resource: ephemeral-storage.',
        ready: false,
        conditions: [{ type: 'Ready', status: 'False', reason: 'PodFailed' }],
      });
      evicted.containers = evicted.containers.map((c) => ({
        ...c,
        ready: false,
        state: 'terminated',
        reason: 'ContainerStatusUnknown',
        exitCode: 137,
      }));
      const s = clusterIpSnapshot(WEB_PODS);
      s.backend = backend([...WEB_PODS, evicted]);
      s.backend.endpointSlices = { value: [sliceFor(WEB_PODS)] };
      s.nodes['worker-2'] = {
        value: node('worker-2', {
          conditions: [
            { type: 'Ready', status: 'True' },
            { type: 'DiskPressure', status: 'True', reason: 'KubeletHasDiskPressure' },
          ],
        }),
      };
      return s;
    },
    codes: ['NODE_PRESSURE', 'POD_EVICTED'],
    hops: { pods: 'warn', 'pods/web-4': 'warn', endpoints: 'ok' },
    findings: [
      {
        code: 'POD_EVICTED',
        step: 1,
        hop: 'pods',
        member: 'web-4',
        severity: 'warn',
        title:
          'pod web-4 was evicted from node worker-2: The node was low on resource: ephemeral-storage. — the node reports DiskPressure',
        evidence: [
          { kind: 'object', ref: 'v1 Pod shop/web-4', field: 'status.reason', value: 'Evicted' },
          {
            kind: 'object',
            ref: 'v1 Pod shop/web-4',
            field: 'status.message',
            value: 'The node was low on resource: ephemeral-storage.',
          },
          {
            kind: 'object',
            ref: 'v1 Node worker-2',
            field: 'status.conditions[DiskPressure]',
            value: { type: 'DiskPressure', status: 'True', reason: 'KubeletHasDiskPressure' },
          },
        ],
        remediation: {
          text: CATALOGUE.POD_EVICTED.fix,
          commands: [
            cmd('kubectl describe node worker-2'),
            destructive('kubectl delete pod -n shop web-4'),
          ],
        },
        subjects: ['pod/web-4', 'node/worker-2'],
      },
    ],
  },
  {
    name: 'a pod not ready because its container exited with code 1: the exit is the fact',
    snapshot: () =>
      clusterIpSnapshot([
        notReady({
          ...WEB_PODS[0]!,
          containers: [
            {
              ...WEB_PODS[0]!.containers[0]!,
              ready: false,
              state: 'terminated',
              reason: 'Error',
              exitCode: 1,
            },
          ],
        }),
        WEB_PODS[1]!,
        WEB_PODS[2]!,
      ]),
    codes: ['POD_NOT_READY', 'SVC_SOME_ENDPOINTS_NOT_READY'],
    hops: { pods: 'warn', endpoints: 'warn' },
  },
  {
    name: 'image pull failure and create error in the only pods: pods fail',
    snapshot: () =>
      clusterIpSnapshot([
        notReady({
          ...WEB_PODS[0]!,
          containers: [
            { ...WEB_PODS[0]!.containers[0]!, state: 'waiting', reason: 'ImagePullBackOff' },
          ],
        }),
        notReady({
          ...WEB_PODS[1]!,
          containers: [
            {
              ...WEB_PODS[1]!.containers[0]!,
              state: 'waiting',
              reason: 'CreateContainerConfigError',
              message: 'secret "db" not found',
            },
          ],
        }),
      ]),
    codes: ['POD_CONTAINER_CREATE_ERROR', 'POD_IMAGE_PULL_FAILING', 'SVC_NO_READY_ENDPOINTS'],
    hops: { pods: 'fail', endpoints: 'fail' },
    answer: 'endpoints',
  },
  {
    name: 'unschedulable pending pod and a pod stuck terminating',
    snapshot: () =>
      clusterIpSnapshot([
        ...WEB_PODS,
        pod('web-4', '', 'worker-1', {
          podIP: undefined,
          nodeName: undefined,
          phase: 'Pending',
          ready: false,
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/3 nodes are available: 3 Insufficient cpu.',
            },
          ],
        }),
        pod('web-5', '10.244.1.99', 'worker-1', { deletionTimestamp: ago(20 * 60_000) }),
      ]),
    codes: ['POD_STUCK_TERMINATING', 'POD_UNSCHEDULABLE'],
    hops: { pods: 'warn' },
  },
  {
    name: 'node pressure, network unavailable, cordoned, stale lease',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.nodes['worker-3'] = {
        value: node('worker-3', {
          unschedulable: true,
          leaseRenewTime: ago(10 * 60_000),
          conditions: [
            { type: 'Ready', status: 'True' },
            { type: 'MemoryPressure', status: 'True' },
            { type: 'NetworkUnavailable', status: 'True', message: 'no route' },
          ],
        }),
      };
      return s;
    },
    codes: [
      'NODE_HEARTBEAT_STALE',
      'NODE_NETWORK_UNAVAILABLE',
      'NODE_PRESSURE',
      'NODE_UNSCHEDULABLE',
    ],
    hops: { node: 'fail' },
    answer: 'node',
  },
  {
    name: 'named targetPort missing in every pod and slices without the port',
    snapshot: () => {
      const pods = WEB_PODS.map((p) => ({
        ...p,
        containers: [
          { ...p.containers[0]!, ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }] },
        ],
      }));
      const s = clusterIpSnapshot(pods);
      s.backend!.endpointSlices = { value: [{ ...sliceFor(pods), ports: [] }] };
      return s;
    },
    codes: ['SVC_NO_READY_ENDPOINTS', 'SVC_TARGET_PORT_MISSING'],
    hops: { service: 'fail', endpoints: 'fail' },
    answer: 'service',
  },
  {
    name: 'path port not on the Service: endpoints are not reached, not judged',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.path = { ...s.path, kind: 'clusterip', port: 8443 } as Snapshot['path'];
      return s;
    },
    codes: ['SVC_PORT_NOT_FOUND'],
    hops: { service: 'fail', endpoints: 'unknown' },
  },
  {
    name: 'a TCP Service port on a UDP container port',
    snapshot: () =>
      clusterIpSnapshot(
        WEB_PODS.map((p) => ({
          ...p,
          containers: [
            {
              ...p.containers[0]!,
              ports: [{ name: 'http', containerPort: 8080, protocol: 'UDP' }],
            },
          ],
        })),
      ),
    codes: ['SVC_PROTOCOL_MISMATCH'],
    hops: { service: 'fail' },
    answer: 'service',
  },
  {
    name: 'a numeric TCP target port that the pods declare as UDP: sent on TCP anyway, a warning',
    snapshot: () => {
      const pods = WEB_PODS.map((p) => ({
        ...p,
        containers: [
          { ...p.containers[0]!, ports: [{ name: 'http', containerPort: 8080, protocol: 'UDP' }] },
        ],
      }));
      const s = clusterIpSnapshot(pods);
      s.backend = backend(
        pods,
        service({ ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] }),
      );
      return s;
    },
    codes: ['SVC_PROTOCOL_MISMATCH'],
    hops: { service: 'warn' },
  },
  {
    name: 'kube-proxy missing on the client node',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.kubeProxy = { value: { daemonSetFound: true, mode: '', podsByNode: { 'worker-2': [] } } };
      return s;
    },
    codes: ['KUBE_PROXY_MISSING'],
    hops: { 'kube-proxy': 'fail' },
    answer: 'kube-proxy',
  },
  {
    name: 'no kube-proxy at all (a replacement): said so, unknown, not failed',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.kubeProxy = {
        value: { daemonSetFound: false, mode: null, podsByNode: { 'worker-2': [] } },
      };
      return s;
    },
    codes: ['KUBE_PROXY_REPLACED'],
    hops: { 'kube-proxy': 'unknown' },
  },
  {
    name: 'internalTrafficPolicy Local without a local endpoint on the client node',
    snapshot: () => {
      const pods = [WEB_PODS[0]!, WEB_PODS[2]!];
      const s = clusterIpSnapshot(pods);
      s.backend = backend(pods, service({ internalTrafficPolicy: 'Local' }));
      return s;
    },
    codes: ['SVC_ITP_LOCAL_NO_ENDPOINT'],
    hops: { 'kube-proxy': 'fail' },
  },
  {
    name: 'externalTrafficPolicy Local without a local endpoint on the entry node',
    snapshot: () =>
      nodePortSnapshot([WEB_PODS[1]!, WEB_PODS[2]!], { externalTrafficPolicy: 'Local' }),
    codes: ['SVC_ETP_LOCAL_NO_ENDPOINT'],
    hops: { node: 'fail' },
    answer: 'node',
  },
  {
    name: 'a ClusterIP Service on a NodePort path',
    snapshot: () => {
      const s = nodePortSnapshot();
      s.backend = backend(WEB_PODS, service());
      return s;
    },
    codes: ['SVC_TYPE_MISMATCH'],
    hops: { service: 'fail' },
  },
  {
    name: 'a NetworkPolicy that admits nobody drops the client',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.backend!.networkPolicies = {
        value: [
          {
            namespace: 'shop',
            name: 'deny-all',
            podSelector: {},
            policyTypes: ['Ingress'],
            ingress: [],
            egress: [],
          },
        ],
      };
      return s;
    },
    codes: ['NETPOL_BLOCKS_CLIENT'],
    hops: { pods: 'fail' },
    answer: 'pods',
  },
  {
    name: 'a 403 on EndpointSlices: endpoints unknown with the reason, the rest still judged',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.backend!.endpointSlices = {
        issue: {
          source: 'kubernetes',
          kind: 'forbidden',
          status: 403,
          what: 'list EndpointSlices of shop/web',
          message: 'forbidden',
        },
      };
      return s;
    },
    codes: ['SOURCE_UNAVAILABLE'],
    hops: { endpoints: 'unknown', service: 'ok', node: 'ok' },
  },
  {
    name: 'CoreDNS down: the DNS hop fails before the Service',
    snapshot: () => {
      const s = clusterIpSnapshot();
      const d = dns();
      s.dns = {
        value: {
          ...d,
          pods: d.pods.map(notReady),
          endpointSlices: [sliceFor(d.pods.map(notReady), 'dns')],
        },
      };
      return s;
    },
    codes: ['DNS_NO_READY_ENDPOINTS', 'DNS_PODS_UNHEALTHY', 'DNS_PODS_UNHEALTHY'],
    hops: { 'dns-cluster': 'fail' },
    answer: 'dns-cluster',
  },
  {
    name: 'a Corefile without the kubernetes plugin that forwards to itself',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.dns = { value: dns({ corefile: '.:53 {\n  forward . 127.0.0.1\n}\n' }) };
      return s;
    },
    codes: ['DNS_COREFILE_FORWARD_LOOP', 'DNS_COREFILE_NO_KUBERNETES'],
    hops: { 'dns-cluster': 'fail' },
  },
  {
    name: 'no kube-dns Service',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.dns = { value: dns({ service: null }) };
      return s;
    },
    codes: ['DNS_SERVICE_MISSING'],
    hops: { 'dns-cluster': 'fail' },
  },
  {
    name: 'a hostNetwork client with dnsPolicy ClusterFirst and ndots:8',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.client = {
        value: pod('toolbox', '10.0.0.12', 'worker-2', { hostNetwork: true, dnsNdots: 8 }),
      };
      return s;
    },
    codes: ['DNS_CLIENT_HOSTNETWORK_DEFAULT', 'DNS_CLIENT_NDOTS_HIGH'],
    hops: { client: 'fail' },
    answer: 'client',
  },
  {
    name: 'the client pod does not exist',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.client = { value: null };
      return s;
    },
    codes: ['CLIENT_POD_NOT_FOUND'],
    hops: { client: 'fail' },
    answer: 'client',
  },
];

const dropped = () =>
  withMetrics(clusterIpSnapshot(), {
    'golden.rate': result('golden.rate', 'reqps', [
      { values: [...Array(20).fill(20), ...Array(10).fill(0)] },
    ]),
  });
const silentTails = (s: Snapshot) => {
  s.backend!.logTails = {
    'web-1': {
      value: { container: 'web', lines: 20, lastAt: ago(14 * 60_000), medianGapSeconds: 25 },
    },
    'web-2': { value: { container: 'web', lines: 20, lastAt: ago(10_000), medianGapSeconds: 25 } },
  };
  return s;
};

const moreCases: Case[] = [
  {
    name: 'a Running, Ready pod silent for 14 minutes while traffic dropped: its stdout is blocked',
    snapshot: () => silentTails(dropped()),
    codes: ['GOLDEN_TRAFFIC_DROPPED', 'LOG_STALL'],
    hops: { pods: 'fail', 'pods/web-1': 'fail', 'pods/web-2': 'ok' },
  },
  {
    name: 'a quiet log alone is no stall: requests are fine',
    snapshot: () => silentTails(withMetrics(clusterIpSnapshot())),
    codes: [],
    hops: { pods: 'ok' },
  },
  {
    name: 'the Service is gone (a saved snapshot checked again)',
    snapshot: () => {
      const s = clusterIpSnapshot([]);
      s.backend = { ...backend([]), service: { value: null } };
      return s;
    },
    codes: ['SVC_NOT_FOUND'],
    hops: { service: 'fail', pods: 'unknown' },
    answer: 'service',
  },
  {
    name: 'readiness probe failing on one pod still in rotation',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.backend!.events = {
        value: [
          {
            involvedObject: 'Pod/shop/web-1',
            reason: 'Unhealthy',
            message: 'Readiness probe failed: timeout',
            count: 5,
            type: 'Warning',
          },
        ],
      };
      return s;
    },
    codes: ['POD_READINESS_FAILING'],
    hops: { pods: 'warn' },
    answer: 'pods',
  },
  {
    name: 'a Service without selector',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.backend = { ...backend(WEB_PODS, service({ selector: {} })), pods: { value: [] } };
      return s;
    },
    codes: ['SVC_NO_SELECTOR'],
    hops: { service: 'ok', pods: 'unknown' },
  },
  {
    name: 'a numeric targetPort no pod declares',
    snapshot: () => {
      const s = clusterIpSnapshot();
      const svc = service({
        ports: [{ name: 'http', port: 80, targetPort: 9090, protocol: 'TCP' }],
      });
      s.backend = backend(WEB_PODS, svc);
      return s;
    },
    codes: ['SVC_TARGET_PORT_NOT_DECLARED'],
    hops: { service: 'warn' },
    answer: 'service',
  },
  {
    name: 'pods selected but no EndpointSlice at all',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.backend!.endpointSlices = { value: [] };
      return s;
    },
    codes: ['SVC_NO_ENDPOINTSLICES'],
    hops: { endpoints: 'fail' },
    answer: 'endpoints',
  },
  {
    name: 'not-ready addresses published',
    snapshot: () => {
      const pods = [notReady(WEB_PODS[0]!), WEB_PODS[1]!];
      const s = clusterIpSnapshot(pods);
      s.backend = backend(pods, service({ publishNotReadyAddresses: true }));
      return s;
    },
    codes: ['POD_NOT_READY', 'SVC_PUBLISH_NOT_READY', 'SVC_SOME_ENDPOINTS_NOT_READY'],
    hops: { endpoints: 'warn' },
  },
  {
    name: 'kube-proxy not ready on the client node',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.kubeProxy = {
        value: {
          daemonSetFound: true,
          mode: 'ipvs',
          podsByNode: {
            'worker-2': [
              notReady(pod('kube-proxy-x', '10.0.0.12', 'worker-2', { namespace: 'kube-system' })),
            ],
          },
        },
      };
      return s;
    },
    codes: ['KUBE_PROXY_NOT_READY'],
    hops: { 'kube-proxy': 'fail' },
  },
  {
    name: 'a node on the path that no longer exists, and a client pod not running',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.nodes['worker-3'] = { value: null };
      s.client = {
        value: notReady(pod('toolbox', '10.244.2.20', 'worker-2', { phase: 'Pending' })),
      };
      return s;
    },
    codes: ['CLIENT_POD_NOT_RUNNING', 'NODE_NOT_READY'],
    hops: { client: 'warn', node: 'fail' },
  },
  {
    name: 'a client with dnsPolicy Default, and no Corefile to read',
    snapshot: () => {
      const s = clusterIpSnapshot();
      s.client = { value: pod('toolbox', '10.244.2.20', 'worker-2', { dnsPolicy: 'Default' }) };
      s.dns = { value: dns({ corefile: null }) };
      return s;
    },
    codes: ['DNS_CLIENT_NOT_CLUSTER_DNS', 'DNS_COREFILE_MISSING'],
    hops: { client: 'fail', 'dns-cluster': 'warn' },
  },
];

const ingressCases: Case[] = [
  {
    name: 'a healthy Ingress path: the published address is shown, the name not resolved',
    snapshot: () => ingressSnapshot(),
    codes: ['DNS_EXTERNAL_NOT_RESOLVED'],
    hops: { 'dns-external': 'unknown', 'ingress-controller': 'ok' },
  },
  {
    name: 'the Ingress is gone',
    snapshot: () => {
      const s = ingressSnapshot(
        WEB_PODS,
        ingressSide({
          ingress: { value: null },
          ingressClass: { value: null },
          controllerPods: { value: [] },
        }),
      );
      s.backend = null;
      return s;
    },
    codes: ['INGRESS_NOT_FOUND'],
    hops: { 'ingress-controller': 'fail', service: 'unknown', pods: 'unknown' },
    answer: 'ingress-controller',
  },
  {
    name: 'no controller pod',
    snapshot: () => ingressSnapshot(WEB_PODS, ingressSide({ controllerPods: { value: [] } })),
    codes: ['INGRESS_NO_CONTROLLER_PODS'],
    hops: { 'ingress-controller': 'fail' },
    answer: 'ingress-controller',
  },
  {
    name: 'a resource backend',
    snapshot: () => {
      const side = ingressSide();
      const ing = 'value' in side.ingress ? side.ingress.value! : null;
      const s = ingressSnapshot(WEB_PODS, {
        ...side,
        ingress: {
          value: {
            ...ing!,
            rules: [
              {
                host: 'shop.example.com',
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { resource: { kind: 'StorageBucket', name: 'static' } },
                  },
                ],
              },
            ],
          },
        },
      });
      s.backend = null;
      return s;
    },
    codes: ['INGRESS_BACKEND_NOT_SERVICE'],
    hops: { service: 'unknown' },
  },
  {
    name: 'IngressClass missing',
    snapshot: () =>
      ingressSnapshot(
        WEB_PODS,
        ingressSide({ ingressClass: { value: null }, controllerPods: { value: [] } }),
      ),
    codes: ['INGRESS_CLASS_MISSING'],
    hops: { 'ingress-controller': 'fail' },
    answer: 'ingress-controller',
  },
  {
    name: 'controller not in the profiles',
    snapshot: () =>
      ingressSnapshot(
        WEB_PODS,
        ingressSide({
          ingressClass: { value: { name: 'x', controller: 'example.com/other', isDefault: false } },
        }),
      ),
    codes: ['INGRESS_CONTROLLER_UNKNOWN'],
    hops: { 'ingress-controller': 'unknown' },
  },
  {
    name: 'no rule for the host',
    snapshot: () => {
      const side = ingressSide();
      const ing = 'value' in side.ingress ? side.ingress.value! : null;
      return ingressSnapshot(WEB_PODS, {
        ...side,
        ingress: {
          value: { ...ing!, rules: [{ host: 'other.example.com', paths: ing!.rules[0]!.paths }] },
        },
      });
    },
    codes: ['INGRESS_NO_RULE_MATCH'],
    hops: { 'ingress-controller': 'fail' },
    answer: 'ingress-controller',
  },
  {
    name: 'backend Service missing',
    snapshot: () => {
      const s = ingressSnapshot();
      s.backend = { ...backend([]), service: { value: null } };
      return s;
    },
    codes: ['INGRESS_BACKEND_SERVICE_MISSING'],
    hops: { service: 'fail' },
    answer: 'service',
  },
  {
    name: 'backend port missing',
    snapshot: () => {
      const s = ingressSnapshot();
      s.backend = backend(
        WEB_PODS,
        service({ ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] }),
      );
      return s;
    },
    codes: ['INGRESS_BACKEND_PORT_MISSING'],
    hops: { service: 'fail', endpoints: 'unknown' },
    answer: 'service',
  },
  {
    name: 'TLS for other hosts only',
    snapshot: () => {
      const side = ingressSide();
      const ing = 'value' in side.ingress ? side.ingress.value! : null;
      return ingressSnapshot(WEB_PODS, {
        ...side,
        ingress: {
          value: { ...ing!, tls: [{ hosts: ['www.example.com'], secretName: 'www-tls' }] },
        },
      });
    },
    codes: ['INGRESS_TLS_HOST_NOT_COVERED'],
    hops: { 'ingress-controller': 'warn' },
  },
  {
    name: 'TLS Secret missing (reading Secrets on)',
    snapshot: () =>
      ingressSnapshot(WEB_PODS, tlsSide({ secrets: { 'shop-tls': { value: false } } })),
    codes: ['INGRESS_TLS_SECRET_MISSING'],
    hops: { 'ingress-controller': 'fail' },
  },
  {
    name: 'TLS Secret not read (the default) and no other evidence: unknown, never ok',
    snapshot: () => ingressSnapshot(WEB_PODS, tlsSide({ secrets: null })),
    codes: ['INGRESS_TLS_NOT_CHECKED'],
    hops: { 'ingress-controller': 'unknown' },
    findings: [
      {
        code: 'INGRESS_TLS_NOT_CHECKED',
        step: 5,
        hop: 'ingress-controller',
        severity: 'unknown',
        title:
          'TLS Secret shop/shop-tls for shop.example.com not checked: needs get on secrets (set HOPSCOPE_READ_TLS_SECRETS=1)',
        evidence: [
          {
            kind: 'object',
            ref: 'networking.k8s.io/v1 Ingress shop/web',
            field: 'spec.tls[].secretName',
            value: 'shop-tls',
          },
        ],
        remediation: {
          text: CATALOGUE.INGRESS_TLS_NOT_CHECKED.fix,
          commands: [cmd('kubectl get secret -n shop shop-tls')],
        },
      },
    ],
  },
  {
    name: 'TLS Secret not read, cert-manager unreadable: still unknown',
    snapshot: () =>
      ingressSnapshot(
        WEB_PODS,
        tlsSide({
          secrets: null,
          certificates: {
            issue: {
              source: 'kubernetes',
              kind: 'forbidden',
              what: 'list cert-manager Certificates in shop',
              message: 'forbidden',
              status: 403,
            },
          },
        }),
      ),
    codes: ['INGRESS_TLS_NOT_CHECKED'],
    hops: { 'ingress-controller': 'unknown' },
  },
  {
    name: "TLS Secret not read, but cert-manager's Certificate for it is Ready: ok",
    snapshot: () =>
      ingressSnapshot(
        WEB_PODS,
        tlsSide({ secrets: null, certificates: { value: [certificate('True', 'Ready')] } }),
      ),
    codes: [],
    hops: { 'ingress-controller': 'ok' },
  },
  {
    name: "cert-manager's Certificate says the Secret does not exist: fail",
    snapshot: () =>
      ingressSnapshot(
        WEB_PODS,
        tlsSide({ secrets: null, certificates: { value: [certificate('False', 'DoesNotExist')] } }),
      ),
    codes: ['INGRESS_TLS_CERTIFICATE_NOT_READY'],
    hops: { 'ingress-controller': 'fail' },
  },
  {
    name: 'a Warning event on the Ingress names its TLS Secret: warn',
    snapshot: () =>
      ingressSnapshot(
        WEB_PODS,
        tlsSide({
          secrets: null,
          events: {
            value: [
              {
                involvedObject: 'Ingress/shop/web',
                reason: 'BadConfig',
                message: 'TLS secret shop-tls is invalid: missing key tls.crt',
                count: 3,
                type: 'Warning',
              },
            ],
          },
        }),
      ),
    codes: ['INGRESS_TLS_WARNING_EVENT'],
    hops: { 'ingress-controller': 'warn' },
  },
  {
    name: 'one of two controller pods down: warn, the other carries the traffic',
    snapshot: () =>
      ingressSnapshot(
        WEB_PODS,
        ingressSide({
          controllerPods: {
            value: [
              pod('c-1', '10.244.1.5', 'worker-1', { namespace: 'ingress-nginx' }),
              notReady(pod('c-2', '10.244.3.5', 'worker-3', { namespace: 'ingress-nginx' })),
            ],
          },
        }),
      ),
    codes: ['INGRESS_CONTROLLER_POD_UNHEALTHY'],
    hops: { 'ingress-controller': 'warn' },
  },
  {
    name: 'no load balancer address anywhere',
    snapshot: () => {
      const side = ingressSide({ controllerService: { value: service({ type: 'NodePort' }) } });
      const ing = 'value' in side.ingress ? side.ingress.value! : null;
      return ingressSnapshot(WEB_PODS, {
        ...side,
        ingress: { value: { ...ing!, loadBalancer: [] } },
      });
    },
    codes: ['DNS_EXTERNAL_NO_ADDRESS'],
    hops: { 'dns-external': 'warn', 'load-balancer': 'skipped' },
  },
];

// The client's own egress: default-deny and allow rules in its namespace, judged against the
// CoreDNS pods (53/UDP, 53/TCP) and the backend pods after DNAT.
const KUBE_SYSTEM = { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } };
const KUBE_DNS = { matchLabels: { 'k8s-app': 'kube-dns' } };

function egressPolicy(
  name: string,
  egress: NetworkPolicyInfo['egress'],
  podSelector: NetworkPolicyInfo['podSelector'] = {},
): NetworkPolicyInfo {
  return { namespace: 'shop', name, podSelector, policyTypes: ['Egress'], ingress: [], egress };
}

/** A cluster whose kube-dns serves 53/UDP and 53/TCP from named container ports, as kubeadm's does. */
function egressSnapshot(policies: NetworkPolicyInfo[]): Snapshot {
  const s = clusterIpSnapshot();
  const d = dns();
  const pods = d.pods.map((p) => ({
    ...p,
    containers: p.containers.map((c) => ({
      ...c,
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      ],
    })),
  }));
  s.dns = {
    value: {
      ...d,
      pods,
      service: {
        ...d.service!,
        ports: [
          { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        ],
      },
    },
  };
  s.namespaceLabels['kube-system'] = { value: { 'kubernetes.io/metadata.name': 'kube-system' } };
  s.clientNetworkPolicies = { value: policies };
  return s;
}

const DEFAULT_DENY_EGRESS = egressPolicy('default-deny-egress', []);
const ALLOW_WEB = egressPolicy('allow-web', [
  { to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [] },
]);
const ALLOW_DNS = (protocols: string[]) =>
  egressPolicy('allow-dns', [
    {
      to: [{ namespaceSelector: KUBE_SYSTEM, podSelector: KUBE_DNS }],
      ports: protocols.map((protocol) => ({ protocol, port: 53 })),
    },
  ]);

const DNS_BLOCKED: Finding = {
  code: 'NETPOL_EGRESS_BLOCKS_DNS',
  step: 3,
  hop: 'client',
  severity: 'fail',
  title:
    'NetworkPolicy egress drops DNS from client shop/toolbox to all CoreDNS pods: both UDP and TCP 53 blocked — lookups time out (no rule of shop/default-deny-egress, shop/allow-web admits it)',
  evidence: [
    {
      kind: 'object',
      ref: 'v1 Pod shop/toolbox',
      field: 'metadata.labels',
      value: { app: 'toolbox' },
    },
    {
      kind: 'object',
      ref: 'networking.k8s.io/v1 NetworkPolicy shop/default-deny-egress',
      field: 'spec.egress',
      value: [],
    },
    {
      kind: 'object',
      ref: 'networking.k8s.io/v1 NetworkPolicy shop/allow-web',
      field: 'spec.egress',
      value: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [] }],
    },
  ],
  remediation: {
    text: 'The client is isolated for egress by shop/default-deny-egress, shop/allow-web, and no egress rule admits the CoreDNS pods (kube-system, k8s-app=kube-dns) on UDP or TCP 53. Allow DNS on both protocols; the existing policies stay:',
    commands: [
      destructive(
        `printf '%s\\n' '{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-egress-to-cluster-dns","namespace":"shop"},"spec":{"podSelector":{"matchLabels":{"app":"toolbox"}},"policyTypes":["Egress"],"egress":[{"to":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"kube-system"}},"podSelector":{"matchLabels":{"k8s-app":"kube-dns"}}}],"ports":[{"protocol":"UDP","port":53},{"protocol":"TCP","port":53}]}]}}' | kubectl apply -f -`,
      ),
      cmd('kubectl describe networkpolicy -n shop default-deny-egress'),
      cmd('kubectl describe networkpolicy -n shop allow-web'),
    ],
  },
};

const egressCases: Case[] = [
  {
    name: 'default-deny egress with only the backend allowed: DNS blocked on UDP and TCP, at the client',
    snapshot: () => egressSnapshot([DEFAULT_DENY_EGRESS, ALLOW_WEB]),
    codes: ['NETPOL_EGRESS_BLOCKS_DNS'],
    hops: { client: 'fail', 'dns-cluster': 'ok', service: 'ok', pods: 'ok' },
    answer: 'client',
    findings: [DNS_BLOCKED],
  },
  {
    name: 'egress admits DNS but not the backend port: the client hop fails on step 4',
    snapshot: () =>
      egressSnapshot([
        DEFAULT_DENY_EGRESS,
        ALLOW_DNS(['UDP', 'TCP']),
        egressPolicy('allow-web-old-port', [
          {
            to: [{ podSelector: { matchLabels: { app: 'web' } } }],
            ports: [{ protocol: 'TCP', port: 9090 }],
          },
        ]),
      ]),
    codes: ['NETPOL_EGRESS_BLOCKS_BACKEND'],
    hops: { client: 'fail', 'dns-cluster': 'ok', service: 'ok', endpoints: 'ok', pods: 'ok' },
    answer: 'client',
  },
  {
    name: 'egress admits DNS over UDP only: a warning, large answers fail',
    snapshot: () => egressSnapshot([DEFAULT_DENY_EGRESS, ALLOW_DNS(['UDP']), ALLOW_WEB]),
    codes: ['NETPOL_EGRESS_BLOCKS_DNS_TCP'],
    hops: { client: 'warn', 'dns-cluster': 'ok', pods: 'ok' },
    answer: 'client',
  },
  {
    name: 'egress admits DNS over TCP only: UDP lookups time out, a failure',
    snapshot: () => egressSnapshot([DEFAULT_DENY_EGRESS, ALLOW_DNS(['TCP']), ALLOW_WEB]),
    codes: ['NETPOL_EGRESS_BLOCKS_DNS'],
    hops: { client: 'fail', 'dns-cluster': 'ok' },
    answer: 'client',
  },
  {
    name: 'egress admits the kube-dns Service IP by ipBlock: after DNAT it is the pods, so DNS is blocked',
    snapshot: () =>
      egressSnapshot([
        DEFAULT_DENY_EGRESS,
        ALLOW_WEB,
        egressPolicy('allow-dns-vip', [
          { to: [{ ipBlock: { cidr: '10.96.0.10/32', except: [] } }], ports: [] },
        ]),
      ]),
    codes: ['NETPOL_EGRESS_BLOCKS_DNS'],
    hops: { client: 'fail' },
    answer: 'client',
    findings: [
      {
        ...DNS_BLOCKED,
        title:
          'NetworkPolicy egress drops DNS from client shop/toolbox to all CoreDNS pods: both UDP and TCP 53 blocked — lookups time out (no rule of shop/default-deny-egress, shop/allow-web, shop/allow-dns-vip admits it)',
        evidence: [
          ...DNS_BLOCKED.evidence,
          {
            kind: 'object',
            ref: 'networking.k8s.io/v1 NetworkPolicy shop/allow-dns-vip',
            field: 'spec.egress',
            value: [{ to: [{ ipBlock: { cidr: '10.96.0.10/32', except: [] } }], ports: [] }],
          },
        ],
        remediation: {
          text: "The client is isolated for egress by shop/default-deny-egress, shop/allow-web, shop/allow-dns-vip, and no egress rule admits the CoreDNS pods (kube-system, k8s-app=kube-dns) on UDP or TCP 53. shop/allow-dns-vip admits the Service IP 10.96.0.10 by ipBlock, but after kube-proxy's DNAT the policy sees the pod IPs, so that rule does not apply. Allow DNS on both protocols; the existing policies stay:",
          commands: [
            ...DNS_BLOCKED.remediation.commands,
            cmd('kubectl describe networkpolicy -n shop allow-dns-vip'),
          ],
        },
      },
    ],
  },
  {
    name: 'a named egress port resolves on the destination pod (dns-tcp, http)',
    snapshot: () =>
      egressSnapshot([
        DEFAULT_DENY_EGRESS,
        egressPolicy('allow-named', [
          {
            to: [],
            ports: [
              { protocol: 'UDP', port: 'dns' },
              { protocol: 'TCP', port: 'dns-tcp' },
              { protocol: 'TCP', port: 'http' },
            ],
          },
        ]),
      ]),
    codes: [],
    hops: { client: 'ok', pods: 'ok' },
  },
  {
    name: 'an Ingress-only policy in the client namespace leaves its egress open',
    snapshot: () =>
      egressSnapshot([{ ...DEFAULT_DENY_EGRESS, name: 'deny-in', policyTypes: ['Ingress'] }]),
    codes: [],
    hops: { client: 'ok' },
  },
  {
    name: "a 403 on the client namespace's NetworkPolicies: the client hop is unknown, never ok",
    snapshot: () => {
      const s = egressSnapshot([]);
      s.clientNetworkPolicies = {
        issue: {
          source: 'kubernetes',
          kind: 'forbidden',
          status: 403,
          what: 'list NetworkPolicies in shop',
          message: 'forbidden',
        },
      };
      return s;
    },
    codes: ['SOURCE_UNAVAILABLE', 'SOURCE_UNAVAILABLE'],
    hops: { client: 'unknown', 'dns-cluster': 'ok', service: 'ok', pods: 'ok' },
  },
  {
    name: "the client's NetworkPolicies never gathered (an older snapshot): the client hop is unknown",
    snapshot: () => {
      const s = egressSnapshot([]);
      delete s.clientNetworkPolicies;
      return s;
    },
    codes: [],
    hops: { client: 'unknown', 'dns-cluster': 'ok', pods: 'ok' },
  },
  {
    name: 'kube-system labels not read: egress to DNS by namespaceSelector is undecided, not blocked',
    snapshot: () => {
      const s = egressSnapshot([DEFAULT_DENY_EGRESS, ALLOW_DNS(['UDP', 'TCP']), ALLOW_WEB]);
      delete s.namespaceLabels['kube-system'];
      return s;
    },
    codes: ['NETPOL_EGRESS_UNDECIDED'],
    hops: { client: 'unknown', 'dns-cluster': 'ok' },
  },
];

describe.each([...cases, ...moreCases, ...ingressCases, ...egressCases])(
  '$name',
  ({ snapshot, codes: want, hops, answer, findings }) => {
    const d = diagnose(snapshot(), NOW);
    // Every Ingress path with a published address also says its external name was not resolved.
    const reported = codes(d).filter((c) => c !== 'DNS_EXTERNAL_NOT_RESOLVED' || want.includes(c));
    it('reports exactly these codes', () => expect(reported).toEqual([...want].sort()));
    it('judges the hops', () =>
      expect(
        Object.fromEntries(Object.keys(hops).map((k) => [k, hop(d, k as HopKey)])),
      ).toStrictEqual(hops));
    for (const f of findings ?? [])
      it(`reports ${f.code}${f.member ? ` on ${f.member}` : ''} exactly`, () =>
        expect(sameFinding(d, f)).toStrictEqual(f));
    if (answer) it(`answers ${answer}`, () => expect(d.summary.hop).toBe(answer));
    it('gives only commands without placeholders, with every value quoted and changes marked', () =>
      expect(badCommands(d.findings)).toEqual([]));
    it('gives every finding evidence or a command, and a remediation', () => {
      for (const f of d.findings) {
        expect(f.remediation.text.length).toBeGreaterThan(0);
        // Its words are a message too, so the page can show them in the reader's language.
        expect(f.messages && english(f.messages.title)).toBe(f.title);
        expect(f.evidence.length + f.remediation.commands.length).toBeGreaterThan(0);
      }
    });
  },
);

describe('commands for a context that is not the current one', () => {
  it('name --context in every kubectl; with the current context they do not', () => {
    const broken = () => clusterIpSnapshot([notReady(WEB_PODS[0]!), WEB_PODS[1]!]);
    const texts = (s: Snapshot) =>
      diagnose(s, NOW).findings.flatMap((f) => f.remediation.commands.map((c) => c.text));
    const other = texts({ ...broken(), cluster: 'prod eu', contextIsCurrent: undefined });
    const kubectl = other.filter((t) => t.startsWith('kubectl'));
    expect(kubectl.length).toBeGreaterThan(0);
    for (const t of kubectl) expect(t).toMatch(/^kubectl --context 'prod eu' /);
    expect(texts(broken()).filter((t) => t.includes('--context'))).toEqual([]);
  });
});

describe('the answer sentence', () => {
  it('follows no-ready-endpoints to the PLEG node in one sentence', () => {
    expect(diagnose(pleg(), NOW).summary.sentence).toMatch(
      /^Fails at endpoints: .*no ready endpoints.* — because node worker-2: container runtime unhealthy — PLEG is not healthy/,
    );
  });

  it('finds the cause on any hop: on a NodePort path the node comes before the endpoints', () => {
    const s = nodePortSnapshot([
      notReady(pod('web-1', '10.244.2.10', 'worker-2')),
      notReady(pod('web-2', '10.244.2.11', 'worker-2')),
    ]);
    s.nodes['worker-2'] = pleg().nodes['worker-2']!;
    expect(diagnose(s, NOW).summary.sentence).toMatch(
      /no ready endpoints.* — because node worker-2: container runtime unhealthy/,
    );
  });

  it("prefers the pod's own decisive fact to a busy node it merely shares", () => {
    const crashing = notReady({
      ...WEB_PODS[0]!,
      containers: [
        {
          ...WEB_PODS[0]!.containers[0]!,
          state: 'waiting',
          reason: 'CrashLoopBackOff',
          restartCount: 9,
          lastTermination: { reason: 'OOMKilled', exitCode: 137, finishedAt: ago(60_000) },
        },
      ],
    });
    const s = withMetrics(clusterIpSnapshot([crashing]), {
      'node.conntrack': result('node.conntrack', 'ratio', [
        { labels: { instance: 'worker-1' }, values: Array.from({ length: 30 }, () => 0.97) },
      ]),
    });
    const { sentence } = diagnose(s, NOW).summary;
    expect(sentence).toMatch(/ — because pod web-1: container web keeps exiting — last OOMKilled/);
    expect(sentence).not.toMatch(/because node worker-1: conntrack/);
  });

  it('names the pods that never got an endpoint as the cause of an empty Service', () => {
    const pending = (name: string) =>
      pod(name, '', 'worker-1', {
        phase: 'Pending',
        podIP: undefined,
        ready: false,
        nodeName: undefined,
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available: 3 Insufficient cpu.',
          },
        ],
      });
    const s = clusterIpSnapshot([pending('web-1'), pending('web-2')]);
    s.backend!.endpointSlices = { value: [{ ...sliceFor([]), endpoints: [] }] };
    expect(diagnose(s, NOW).summary.sentence).toMatch(
      /no ready endpoints \(0 of 0\).* — because pod web-1 cannot be scheduled: 0\/3 nodes are available/,
    );
  });

  it('ends each sentence with one period, even when a title has its own', () => {
    const s = clusterIpSnapshot();
    s.nodes['worker-2'] = { value: kubeletGone('worker-2') };
    s.path = { ...s.path, kind: 'clusterip', port: 8080 } as Snapshot['path'];
    const { sentence, message } = diagnose(s, NOW).summary;
    expect(sentence).not.toMatch(/\.\./);
    expect(sentence).toMatch(/Kubelet stopped posting node status\.$/);
    // What the page shows is the message, in either language: one full stop there too.
    expect(translator('en').message(message!)).toBe(sentence);
    const zh = translator('zh').message(message!);
    expect(zh).not.toMatch(/[.。][.。]/);
    expect(zh).toMatch(/Kubelet stopped posting node status。$/);
  });

  it('does not blame a node failure for a wrong Service port: it is "also failing"', () => {
    const s = pleg();
    s.path = { ...s.path, kind: 'clusterip', port: 8080 } as Snapshot['path'];
    const { summary } = diagnose(s, NOW);
    expect(summary.hop).toBe('service');
    expect(summary.sentence).toMatch(/^Fails at Service: Service shop\/web has no port 8080/);
    expect(summary.sentence).not.toMatch(/because/);
    expect(summary.sentence).toMatch(/Also failing: .*node worker-2: container runtime unhealthy/);
  });

  it('names a cause only when it is about the same pods: a restart storm on another pod is not one', () => {
    const s = clusterIpSnapshot([notReady(WEB_PODS[0]!), notReady(WEB_PODS[1]!)]);
    const other = pod('web-9', '10.244.3.99', 'worker-3');
    other.containers = other.containers.map((c) => ({
      ...c,
      state: 'waiting',
      reason: 'CrashLoopBackOff',
      restartCount: 40,
    }));
    s.backend = backend([notReady(WEB_PODS[0]!), notReady(WEB_PODS[1]!), other]);
    const { summary, findings } = diagnose(s, NOW);
    expect(findings.map((f) => f.code)).toContain('POD_CRASH_LOOP');
    expect(summary.sentence).not.toMatch(/because pod web-9/);
  });
});

describe('coverage of the catalogue', () => {
  it('every object-level finding code is produced by at least one case above', () => {
    const produced = new Set(
      [...cases, ...moreCases, ...ingressCases, ...egressCases].flatMap((c) => c.codes),
    );
    const objectCodes = (Object.keys(CATALOGUE) as FindingCode[])
      .filter((code) => !('source' in CATALOGUE[code]))
      // The gateway path's codes are covered by step-5-gateway.test.ts.
      .filter((code) => !Object.hasOwn(STEP_5_GATEWAY_CODES, code));
    expect(objectCodes.filter((code) => !produced.has(code))).toEqual([]);
  });
});

describe('the decisive fact', () => {
  it('a container that exited with code 1 says so, with the remedy that follows', () => {
    const s = clusterIpSnapshot([
      notReady({
        ...WEB_PODS[0]!,
        containers: [
          {
            ...WEB_PODS[0]!.containers[0]!,
            ready: false,
            state: 'terminated',
            reason: 'Error',
            exitCode: 1,
          },
        ],
      }),
    ]);
    const f = diagnose(s, NOW).findings.find((x) => x.code === 'POD_NOT_READY');
    expect(f?.title).toBe(
      'pod web-1 is not ready (Running): container web exited, exit code 1 (Error: an application error)',
    );
    expect(f?.remediation.text).toMatch(/kubectl logs --previous/);
  });
});

describe('the decisive fact of a pod with a sidecar', () => {
  it("names the unready container's exit, not a ready sidecar's old one", () => {
    const base = WEB_PODS[0]!.containers[0]!;
    const p = notReady(WEB_PODS[0]!);
    p.containers = [
      {
        ...base,
        name: 'istio-proxy',
        ready: true,
        lastTermination: { reason: 'Error', exitCode: 143, finishedAt: ago(20 * 60_000) },
      },
      { ...base, ready: false, state: 'terminated', reason: 'Error', exitCode: 1 },
    ];
    const s = clusterIpSnapshot([p]);
    const f = diagnose(s, NOW).findings.find((x) => x.code === 'POD_NOT_READY');
    expect(f?.title).toMatch(/container web exited, exit code 1/);
    expect(f?.title).not.toMatch(/istio-proxy/);
  });
});

describe('a NetworkPolicy that needs what could not be read', () => {
  it("admits by namespace labels that could not be read: unknown, not 'drops the client'", () => {
    const s = clusterIpSnapshot();
    s.backend!.networkPolicies = {
      value: [
        {
          namespace: 'shop',
          name: 'web-from-team-shop',
          podSelector: { matchLabels: { app: 'web' } },
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }],
              ports: [],
            },
          ],
          egress: [],
        },
      ],
    };
    s.namespaceLabels.shop = {
      issue: {
        source: 'kubernetes',
        kind: 'forbidden',
        what: 'get Namespace shop',
        message: 'forbidden',
        status: 403,
      },
    };
    const d = diagnose(s, NOW);
    expect(d.findings.map((f) => f.code)).not.toContain('NETPOL_BLOCKS_CLIENT');
    expect(hopVerdict(d, 'pods')).toBe('unknown');
    expect(d.findings.filter((f) => f.hop === 'pods').map((f) => f.title)).toContain(
      'Kubernetes API: no permission to get Namespace shop',
    );
  });
});

describe('a step whose checks break', () => {
  it('is unknown with the reason; the other steps and the hops are still judged', () => {
    const s = clusterIpSnapshot();
    // Data a check does not expect (a collector bug or an odd object): step 3 reads dns.pods.
    s.dns = { value: { ...dns(), pods: null as never } };
    const d = diagnose(s, NOW);
    expect(d.steps.find((x) => x.id === 3)).toMatchObject({
      verdict: 'unknown',
      reason: expect.stringMatching(/the checks of this step failed/),
    });
    expect(d.steps.find((x) => x.id === 4)?.verdict).toBe('ok');
    expect(hop(d, 'service')).toBe('ok');
  });
});
