// NetworkPolicy evaluation for one connection: does any policy that selects the destination pod
// admit this source on this port? Implements the API's rules: a pod selected by no Ingress
// policy admits everything; otherwise some rule of some selecting policy must admit the peer.
import { matchesSelector, isEmptySelector } from '@/lib/model/labels';
import type {
  NetworkPolicyInfo,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PodInfo,
} from '@/lib/model/snapshot';

export type TrafficSource =
  | {
      kind: 'pod';
      namespace: string;
      labels: Record<string, string>;
      namespaceLabels: Record<string, string> | null;
      ip?: string;
    }
  /** From outside the cluster (or SNATed node traffic); only ipBlock peers can match it. */
  | { kind: 'external' };

export interface Destination {
  pod: PodInfo;
  port: number;
  portName?: string;
  protocol: string;
}

export interface PolicyVerdict {
  allowed: boolean;
  selecting: string[];
}

function peerAdmits(
  peer: NetworkPolicyPeer,
  source: TrafficSource,
  policyNamespace: string,
): boolean {
  if (peer.ipBlock) {
    // The source address is unknown for external traffic; a catch-all block admits it.
    if (source.kind === 'external')
      return peer.ipBlock.cidr === '0.0.0.0/0' || peer.ipBlock.cidr === '::/0';
    return false; // pod-to-pod traffic is judged by selectors, not by the pod's (changing) IP
  }
  if (source.kind === 'external') return false;
  const nsMatches = peer.namespaceSelector
    ? source.namespaceLabels !== null &&
      matchesSelector(source.namespaceLabels, peer.namespaceSelector)
    : source.namespace === policyNamespace;
  const podMatches = peer.podSelector ? matchesSelector(source.labels, peer.podSelector) : true;
  return nsMatches && podMatches;
}

function portAdmits(ports: NetworkPolicyPort[], dest: Destination): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if (p.protocol !== dest.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') return p.port === dest.portName;
    return p.endPort !== undefined
      ? dest.port >= p.port && dest.port <= p.endPort
      : dest.port === p.port;
  });
}

export function evaluateIngress(
  policies: NetworkPolicyInfo[],
  source: TrafficSource,
  dest: Destination,
): PolicyVerdict {
  const selecting = policies.filter(
    (np) =>
      np.namespace === dest.pod.namespace &&
      np.policyTypes.includes('Ingress') &&
      (isEmptySelector(np.podSelector) || matchesSelector(dest.pod.labels, np.podSelector)),
  );
  if (selecting.length === 0) return { allowed: true, selecting: [] };
  const allowed = selecting.some((np) =>
    np.ingress.some(
      (rule) =>
        (rule.from.length === 0 ||
          rule.from.some((peer) => peerAdmits(peer, source, np.namespace))) &&
        portAdmits(rule.ports, dest),
    ),
  );
  return { allowed, selecting: selecting.map((np) => np.name) };
}
