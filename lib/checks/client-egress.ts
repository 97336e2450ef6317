// What the egress checks of steps 3 and 4 share: the client, the policies that isolate it for
// egress, and the fix — a new NetworkPolicy admitting the client to the destination (so a
// default-deny stays as it is), as one copyable, shell-quoted command.
import type { Evidence } from '@/lib/model/finding';
import {
  gatheredValue,
  type NetworkPolicyInfo,
  type PodInfo,
  type ServicePortInfo,
  type Snapshot,
  type SourceIssue,
} from '@/lib/model/snapshot';
import { inCidr } from '@/lib/model/cidr';
import { objectEvidence } from './finding-builder';
import { egressSelecting } from './netpol';
import { podRef } from './read-snapshot';
import type { Command } from '@/lib/model/finding';
import { sh } from './command';
import { msg, type Message } from '@/lib/i18n/message';

export type ClientEgress =
  /** No client pod on this path, or it was not read (the client hop says so). */
  | { kind: 'none' }
  | { kind: 'issue'; issue: SourceIssue }
  /** No policy selects the client for egress: it may send anywhere. */
  | { kind: 'open' }
  | {
      kind: 'isolated';
      client: PodInfo;
      policies: NetworkPolicyInfo[];
      selecting: NetworkPolicyInfo[];
    };

export function clientEgress(s: Snapshot): ClientEgress {
  const client = gatheredValue(s.client);
  if (s.path.kind !== 'clusterip' || !client || !s.clientNetworkPolicies) return { kind: 'none' };
  if ('issue' in s.clientNetworkPolicies)
    return { kind: 'issue', issue: s.clientNetworkPolicies.issue };
  const policies = s.clientNetworkPolicies.value;
  const selecting = egressSelecting(policies, client);
  return selecting.length === 0
    ? { kind: 'open' }
    : { kind: 'isolated', client, policies, selecting };
}

export function namespaceLabelsOf(s: Snapshot, ns: string): Record<string, string> | null {
  return gatheredValue(s.namespaceLabels[ns]) ?? null;
}

/** The container port a Service port reaches on one pod; undefined when the pod declares none. */
export function containerPortOf(pod: PodInfo, sp: ServicePortInfo): number | undefined {
  const cp = pod.containers
    .flatMap((c) => c.ports)
    .find((p) =>
      typeof sp.targetPort === 'string'
        ? p.name === sp.targetPort && p.protocol === sp.protocol
        : p.containerPort === sp.targetPort,
    );
  return cp?.containerPort ?? (typeof sp.targetPort === 'number' ? sp.targetPort : undefined);
}

/** The policies as `namespace/name`, comma-separated: object names, data in a message. */
export function policyNames(selecting: NetworkPolicyInfo[]): string {
  return selecting.map((np) => `${np.namespace}/${np.name}`).join(', ');
}

/** The client's labels (which the policies select on) and every selecting policy's egress rules. */
export function egressEvidence(client: PodInfo, selecting: NetworkPolicyInfo[]): Evidence[] {
  return [
    objectEvidence(podRef(client), 'metadata.labels', client.labels),
    ...selecting.map((np) =>
      objectEvidence(
        `networking.k8s.io/v1 NetworkPolicy ${np.namespace}/${np.name}`,
        'spec.egress',
        np.egress,
      ),
    ),
  ];
}

/** Labels that change with every rollout: a policy selecting on them would stop matching. */
const REVISION_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
]);

export interface AllowedDestination {
  namespace: string;
  podLabels: Record<string, string>;
  ports: { protocol: string; port: number }[];
}

/** `kubectl apply` of a policy admitting the client's pods to the destination, on one line. */
export function allowEgressCommand(client: PodInfo, name: string, to: AllowedDestination): Command {
  const policy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: name.slice(0, 63).replace(/-+$/, ''), namespace: client.namespace },
    spec: {
      podSelector: {
        matchLabels: Object.fromEntries(
          Object.entries(client.labels).filter(([k]) => !REVISION_LABELS.has(k)),
        ),
      },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': to.namespace },
              },
              podSelector: { matchLabels: to.podLabels },
            },
          ],
          ports: to.ports,
        },
      ],
    },
  };
  return sh`printf '%s\\n' ${JSON.stringify(policy)} | kubectl apply -f -`;
}

/**
 * A rule that admits the Service's cluster IP by ipBlock is a common mistake: the policy sees the
 * connection after DNAT, addressed to a pod. Says so when one of the selecting policies has one.
 */
export function clusterIpHint(
  selecting: NetworkPolicyInfo[],
  clusterIP: string | undefined,
): Message | '' {
  if (!clusterIP || clusterIP === 'None') return '';
  const names = selecting
    .filter((np) =>
      np.egress.some((rule) =>
        rule.to.some(
          (peer) =>
            peer.ipBlock &&
            inCidr(clusterIP, peer.ipBlock.cidr) === true &&
            !peer.ipBlock.except.some((e) => inCidr(clusterIP, e) === true),
        ),
      ),
    )
    .map((np) => `${np.namespace}/${np.name}`);
  return names.length === 0
    ? ''
    : msg` ${names.join(', ')} admits the Service IP ${clusterIP} by ipBlock, but after kube-proxy's DNAT the policy sees the pod IPs, so that rule does not apply.`;
}

export function describePolicyCommands(selecting: NetworkPolicyInfo[]): Command[] {
  return selecting.map((np) => sh`kubectl describe networkpolicy -n ${np.namespace} ${np.name}`);
}
