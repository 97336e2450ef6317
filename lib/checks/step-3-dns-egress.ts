// Step 3 — the client's own NetworkPolicy egress to cluster DNS: queries go to the CoreDNS pods
// behind kube-dns, on 53/UDP first and 53/TCP for answers too large for UDP. UDP blocked fails
// every lookup; TCP alone blocked fails only the large answers (a warning).
import type { Finding } from '@/lib/model/finding';
import type { DnsInfo, PodInfo, Snapshot } from '@/lib/model/snapshot';
import {
  allowEgressCommand,
  clientEgress,
  clusterIpHint,
  containerPortOf,
  describePolicyCommands,
  egressEvidence,
  namespaceLabelsOf,
  policyNames,
} from './client-egress';
import { finding, sourceUnknown } from './finding-builder';
import { evaluateEgress } from './netpol';
import { english, joinMessages, msg, type Message, type MessageArg } from '@/lib/i18n/message';

const PROTOCOLS = ['UDP', 'TCP'] as const;
type Protocol = (typeof PROTOCOLS)[number];

interface ProtocolResult {
  targets: number;
  blocked: string[];
  undecided: Message[];
  ports: number[];
}

/** Whether the client sends its queries to cluster DNS at all (other cases are step 3's DNS_CLIENT_* findings). */
function usesClusterDns(client: PodInfo, dns: DnsInfo): boolean {
  if (client.dnsPolicy === 'Default') return false;
  if (client.dnsPolicy === 'None')
    return Boolean(dns.service?.clusterIP && client.dnsNameservers.includes(dns.service.clusterIP));
  return true;
}

export function checkClientEgressToDns(s: Snapshot): Finding[] {
  const egress = clientEgress(s);
  if (egress.kind === 'issue') return [sourceUnknown(3, 'client', egress.issue)];
  if (egress.kind !== 'isolated' || !s.dns) return [];
  if ('issue' in s.dns) return [sourceUnknown(3, 'client', s.dns.issue)];
  const dns = s.dns.value;
  const { client, policies, selecting } = egress;
  if (!dns.service || !usesClusterDns(client, dns)) return [];
  const ready = new Set(
    dns.endpointSlices.flatMap((sl) =>
      sl.endpoints.filter((e) => e.ready).flatMap((e) => e.addresses),
    ),
  );
  // The pods lookups reach; with none ready the DNS hop fails on its own, and all are judged.
  const targets = dns.pods.filter((p) => p.podIP && (ready.size === 0 || ready.has(p.podIP)));
  const results: Partial<Record<Protocol, ProtocolResult>> = {};
  for (const protocol of PROTOCOLS) {
    const sp = dns.service.ports.find((p) => p.port === 53 && p.protocol === protocol);
    if (!sp) continue;
    const r: ProtocolResult = { targets: 0, blocked: [], undecided: [], ports: [] };
    for (const pod of targets) {
      const port = containerPortOf(pod, sp);
      if (port === undefined) continue;
      r.targets += 1;
      const verdict = evaluateEgress(policies, client, {
        pod,
        namespaceLabels: namespaceLabelsOf(s, pod.namespace),
        port,
        protocol,
      });
      if (!r.ports.includes(port)) r.ports.push(port);
      if (verdict.allowed === false) r.blocked.push(pod.name);
      else if (verdict.allowed === null)
        r.undecided.push(verdict.undecidedMessage ?? msg`${verdict.undecided ?? pod.name}`);
    }
    results[protocol] = r;
  }
  const udp = results.UDP;
  const tcp = results.TCP;
  const clientName = `${client.namespace}/${client.name}`;
  const share = (r: ProtocolResult) =>
    r.blocked.length === r.targets
      ? msg`all CoreDNS pods`
      : msg`${r.blocked.length} of ${r.targets} CoreDNS pods`;
  const fix = [
    allowEgressCommand(client, 'allow-egress-to-cluster-dns', {
      namespace: dns.service.namespace,
      podLabels: dns.service.selector,
      ports: PROTOCOLS.flatMap((protocol) =>
        (results[protocol]?.ports ?? [53]).map((port) => ({ protocol, port })),
      ),
    }),
    ...describePolicyCommands(selecting),
  ];
  const evidence = egressEvidence(client, selecting);
  const out: Finding[] = [];
  if (udp && udp.blocked.length > 0) {
    const tcpToo = tcp !== undefined && tcp.blocked.length > 0;
    const blocked = tcpToo
      ? msg`both UDP and TCP 53 blocked`
      : tcp
        ? msg`UDP 53 blocked (TCP allowed, but resolvers ask over UDP)`
        : msg`UDP 53 blocked`;
    // Protocol names are data; only "or" is a word.
    const protocols: MessageArg = tcpToo ? msg`UDP or TCP` : 'UDP';
    out.push(
      finding('NETPOL_EGRESS_BLOCKS_DNS', {
        hop: 'client',
        severity: 'fail',
        title: msg`NetworkPolicy egress drops DNS from client ${clientName} to ${share(udp)}: ${blocked} — lookups time out (no rule of ${policyNames(selecting)} admits it)`,
        evidence,
        text: msg`The client is isolated for egress by ${policyNames(selecting)}, and no egress rule admits the CoreDNS pods (${dns.service.namespace}, ${Object.entries(
          dns.service.selector,
        )
          .map(([k, v]) => `${k}=${v}`)
          .join(
            ',',
          )}) on ${protocols} 53.${clusterIpHint(selecting, dns.service.clusterIP)} Allow DNS on both protocols; the existing policies stay:`,
        commands: fix,
      }),
    );
  } else if (tcp && tcp.blocked.length > 0) {
    out.push(
      finding('NETPOL_EGRESS_BLOCKS_DNS_TCP', {
        hop: 'client',
        severity: 'warn',
        title: msg`NetworkPolicy egress admits DNS over UDP but drops TCP 53 from client ${clientName} to ${share(tcp)}: answers too large for UDP fail (no rule of ${policyNames(selecting)} admits TCP)`,
        evidence,
        text: msg`Truncated answers (large records, many A/AAAA records, DNSSEC) are retried over TCP, which ${policyNames(selecting)} drops.${clusterIpHint(selecting, dns.service.clusterIP)} Allow TCP 53 as well; the existing policies stay:`,
        commands: fix,
      }),
    );
  }
  // The same reason for UDP and TCP is said once.
  const undecided = [
    ...new Map(
      [...(udp?.undecided ?? []), ...(tcp?.undecided ?? [])].map((m) => [english(m), m]),
    ).values(),
  ];
  if (out.length === 0 && undecided.length > 0) {
    out.push(
      finding('NETPOL_EGRESS_UNDECIDED', {
        step: 3,
        hop: 'client',
        severity: 'unknown',
        title: msg`egress from client ${clientName} to cluster DNS could not be judged: ${joinMessages(undecided, '; ')}`,
        evidence,
        commands: describePolicyCommands(selecting),
      }),
    );
  }
  return out;
}
