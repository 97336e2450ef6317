// NetworkPolicy evaluation for one connection: does any policy that selects the destination pod
// admit this source on this port? Implements the API's rules: a pod selected by no Ingress
// policy admits everything; otherwise some rule of some selecting policy must admit the peer.
import { inCidr } from '@/lib/model/cidr';
import { matchesSelector, isEmptySelector } from '@/lib/model/labels';
import type {
  NetworkPolicyInfo,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PodInfo,
} from '@/lib/model/snapshot';
import { english, msg, type Message } from '@/lib/i18n/message';

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
  /** null: undecided (a namespaceSelector met a namespace whose labels were not read). */
  allowed: boolean | null;
  selecting: string[];
}

function peerAdmits(peer: NetworkPolicyPeer, source: TrafficSource, policyNamespace: string): Tri {
  if (peer.ipBlock) {
    // The source address is unknown for external traffic; a catch-all block admits it.
    if (source.kind === 'external')
      return peer.ipBlock.cidr === '0.0.0.0/0' || peer.ipBlock.cidr === '::/0';
    return false; // pod-to-pod traffic is judged by selectors, not by the pod's (changing) IP
  }
  if (source.kind === 'external') return false;
  const nsMatches: Tri = peer.namespaceSelector
    ? source.namespaceLabels === null
      ? null
      : matchesSelector(source.namespaceLabels, peer.namespaceSelector)
    : source.namespace === policyNamespace;
  const podMatches = peer.podSelector ? matchesSelector(source.labels, peer.podSelector) : true;
  return allTri([nsMatches, podMatches]);
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
  const allowed = anyTri(
    selecting.flatMap((np) =>
      np.ingress.map((rule) =>
        allTri([
          portAdmits(rule.ports, dest),
          rule.from.length === 0
            ? true
            : anyTri(rule.from.map((peer) => peerAdmits(peer, source, np.namespace))),
        ]),
      ),
    ),
  );
  return { allowed, selecting: selecting.map((np) => np.name) };
}

// Egress from a client pod. A pod is egress-isolated when some policy of its namespace selects it
// with policyTypes including Egress; then some egress rule of a selecting policy must admit the
// destination. Traffic to a Service is judged at the backend pod it is DNATed to (the ClusterIP
// never meets the policy), DNS at the CoreDNS pods. Three answers: a label or address that was
// not read makes the verdict `null` (undecided), never a denial.

export interface EgressDestination {
  /** The pod the connection reaches after DNAT. */
  pod: PodInfo;
  /** Labels of the destination pod's namespace; null when they could not be read. */
  namespaceLabels: Record<string, string> | null;
  /** The container port reached. */
  port: number;
  protocol: string;
}

export interface EgressVerdict {
  /** true: not isolated or some rule admits; false: isolated and no rule admits; null: undecided. */
  allowed: boolean | null;
  /** Names of the policies that select the client for egress. */
  selecting: string[];
  /** Why the verdict is undecided (English; `undecidedMessage` is the same for the reader's language). */
  undecided?: string;
  undecidedMessage?: Message;
}

type Tri = boolean | null;

/** Why a verdict is undecided, in English and as a message. */
function undecided(why: Message): Pick<EgressVerdict, 'undecided' | 'undecidedMessage'> {
  return { undecided: english(why), undecidedMessage: why };
}

function anyTri(values: Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes(null) ? null : false;
}

function allTri(values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes(null) ? null : true;
}

/** The policies of the client's namespace that make it egress-isolated. */
export function egressSelecting(
  policies: NetworkPolicyInfo[],
  client: PodInfo,
): NetworkPolicyInfo[] {
  return policies.filter(
    (np) =>
      np.namespace === client.namespace &&
      np.policyTypes.includes('Egress') &&
      matchesSelector(client.labels, np.podSelector),
  );
}

function egressPeerAdmits(
  peer: NetworkPolicyPeer,
  policyNamespace: string,
  dest: EgressDestination,
): Tri {
  if (peer.ipBlock) {
    const ip = dest.pod.podIP;
    if (!ip) return null;
    const inside = inCidr(ip, peer.ipBlock.cidr);
    if (inside !== true) return inside;
    const excepted = anyTri(peer.ipBlock.except.map((e) => inCidr(ip, e)));
    return excepted === null ? null : !excepted;
  }
  const ns: Tri = peer.namespaceSelector
    ? dest.namespaceLabels === null
      ? null
      : matchesSelector(dest.namespaceLabels, peer.namespaceSelector)
    : dest.pod.namespace === policyNamespace;
  const pod = peer.podSelector ? matchesSelector(dest.pod.labels, peer.podSelector) : true;
  return allTri([ns, pod]);
}

/** A named port is the destination pod's container port of that name (and protocol). */
function egressPortAdmits(ports: NetworkPolicyPort[], dest: EgressDestination): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if (p.protocol !== dest.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string')
      return dest.pod.containers.some((c) =>
        c.ports.some(
          (cp) =>
            cp.name === p.port && cp.containerPort === dest.port && cp.protocol === dest.protocol,
        ),
      );
    return p.endPort !== undefined
      ? dest.port >= p.port && dest.port <= p.endPort
      : dest.port === p.port;
  });
}

export function evaluateEgress(
  policies: NetworkPolicyInfo[],
  client: PodInfo,
  dest: EgressDestination,
): EgressVerdict {
  const selecting = egressSelecting(policies, client);
  const names = selecting.map((np) => np.name);
  if (selecting.length === 0) return { allowed: true, selecting: [] };
  if (client.hostNetwork)
    return {
      allowed: null,
      selecting: names,
      ...undecided(
        msg`the client uses hostNetwork: whether NetworkPolicy applies is up to the network plugin`,
      ),
    };
  const allowed = anyTri(
    selecting.flatMap((np) =>
      np.egress.map((rule) =>
        egressPortAdmits(rule.ports, dest)
          ? rule.to.length === 0
            ? true
            : anyTri(rule.to.map((peer) => egressPeerAdmits(peer, np.namespace, dest)))
          : false,
      ),
    ),
  );
  return allowed === null
    ? {
        allowed,
        selecting: names,
        ...undecided(
          msg`the labels of namespace ${dest.pod.namespace} or the address of pod ${dest.pod.name} were not read`,
        ),
      }
    : { allowed, selecting: names };
}
