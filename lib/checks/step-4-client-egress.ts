// Step 4 — the client's own NetworkPolicy egress to the backend. After kube-proxy's DNAT the
// connection goes to a backend pod IP, so the policies are judged against the backend pods
// (labels, namespace labels, IP, container port), never against the ClusterIP. A client that may
// not send is the client hop's fault.
import type { Finding } from '@/lib/model/finding';
import { gatheredValue, type PodInfo } from '@/lib/model/snapshot';
import type { Snapshot } from '@/lib/model/snapshot';
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
import { backendService, pathServicePorts } from './read-snapshot';
import { english, joinMessages, msg, type Message } from '@/lib/i18n/message';

export function checkClientEgressToBackend(s: Snapshot): Finding[] {
  const egress = clientEgress(s);
  if (egress.kind === 'issue') return [sourceUnknown(4, 'client', egress.issue)];
  if (egress.kind !== 'isolated') return [];
  const svc = backendService(s);
  if (!svc || !s.backend) return [];
  if ('issue' in s.backend.pods) return [sourceUnknown(4, 'client', s.backend.pods.issue)];
  const { client, policies, selecting } = egress;
  const pods = (gatheredValue(s.backend.pods) ?? []).filter((p) => p.podIP);
  const clientName = `${client.namespace}/${client.name}`;
  const out: Finding[] = [];
  for (const sp of pathServicePorts(s.path, svc)) {
    const blocked: { pod: PodInfo; port: number }[] = [];
    const undecided: Message[] = [];
    for (const pod of pods) {
      const port = containerPortOf(pod, sp);
      if (port === undefined) continue; // a targetPort no pod declares is SVC_TARGET_PORT_MISSING
      const verdict = evaluateEgress(policies, client, {
        pod,
        namespaceLabels: namespaceLabelsOf(s, pod.namespace),
        port,
        protocol: sp.protocol,
      });
      if (verdict.allowed === false) blocked.push({ pod, port });
      else if (verdict.allowed === null)
        undecided.push(verdict.undecidedMessage ?? msg`${verdict.undecided ?? pod.name}`);
    }
    const ports = [...new Set(blocked.map((b) => b.port))];
    if (blocked.length > 0) {
      out.push(
        finding('NETPOL_EGRESS_BLOCKS_BACKEND', {
          hop: 'client',
          severity: 'fail',
          title:
            blocked.length === pods.length
              ? msg`NetworkPolicy egress drops client ${clientName} → all backend pods of ${svc.namespace}/${svc.name} on ${sp.protocol} ${ports.join(', ')} (no rule of ${policyNames(selecting)} admits it)`
              : msg`NetworkPolicy egress drops client ${clientName} → ${blocked.length} of ${pods.length} backend pods of ${svc.namespace}/${svc.name} on ${sp.protocol} ${ports.join(', ')} (no rule of ${policyNames(selecting)} admits it)`,
          evidence: egressEvidence(client, selecting),
          text: msg`The client is isolated for egress by ${policyNames(selecting)}, and no egress rule admits pods of ${svc.namespace} labelled like the Service selector on ${sp.protocol} ${ports.join(', ')} (the backend pod port after DNAT, not the Service port ${sp.port}).${clusterIpHint(selecting, svc.clusterIP)} Add a policy that allows it; the existing ones stay:`,
          commands: [
            allowEgressCommand(client, `allow-egress-to-${svc.name}`, {
              namespace: svc.namespace,
              podLabels: svc.selector,
              ports: ports.map((port) => ({ protocol: sp.protocol, port })),
            }),
            ...describePolicyCommands(selecting),
          ],
        }),
      );
    } else if (undecided.length > 0) {
      out.push(
        finding('NETPOL_EGRESS_UNDECIDED', {
          hop: 'client',
          severity: 'unknown',
          title: msg`egress from client ${clientName} to the backend pods could not be judged: ${joinMessages(distinct(undecided), '; ')}`,
          evidence: egressEvidence(client, selecting),
          commands: describePolicyCommands(selecting),
        }),
      );
    }
  }
  return out;
}

/** The messages once each, in order (two pods undecided for the same reason say it once). */
function distinct(messages: Message[]): Message[] {
  const seen = new Map<string, Message>();
  for (const m of messages) if (!seen.has(english(m))) seen.set(english(m), m);
  return [...seen.values()];
}
