// Step 5 — TLS of the Ingress for the path's host: a tls entry covers it, and its Secret exists.
import type { Finding } from '@/lib/model/finding';
import type { IngressInfo, Snapshot } from '@/lib/model/snapshot';
import { hostMatches } from '@/lib/model/ingress-match';
import { sh } from './command';
import { finding, objectEvidence, sourceUnknown } from './finding-builder';
import { ingRef } from './read-snapshot';
import { msg } from '@/lib/i18n/message';

export function checkTls(s: Snapshot, ing: IngressInfo, host: string): Finding[] {
  if (ing.tls.length === 0) return [];
  const ref = ingRef(ing);
  const entry = ing.tls.find((t) => t.hosts.some((h) => hostMatches(h, host)));
  if (!entry) {
    return [
      finding('INGRESS_TLS_HOST_NOT_COVERED', {
        hop: 'ingress-controller',
        severity: 'warn',
        title: msg`Ingress ${ing.namespace}/${ing.name} has TLS, but not for ${host}`,
        evidence: [objectEvidence(ref, 'spec.tls', ing.tls)],
      }),
    ];
  }
  if (!entry.secretName) return [];
  return checkTlsSecret(s, ing, host, entry.secretName);
}

/** cert-manager Ready reasons that mean the Secret holds no certificate the controller can serve. */
const UNUSABLE = new Set([
  'DoesNotExist',
  'MissingData',
  'InvalidKeyPair',
  'InvalidCertificate',
  'Expired',
]);

/**
 * Whether the Secret exists: read directly when the server may, otherwise from cert-manager's
 * Certificate for it; Warning events that name it are reported either way. With no evidence the
 * TLS part is unknown — never ok.
 */
function checkTlsSecret(
  s: Snapshot,
  ing: IngressInfo,
  host: string,
  secretName: string,
): Finding[] {
  const tls = s.ingress?.tls;
  if (!tls) return [];
  const ref = ingRef(ing);
  const out: Finding[] = [];
  if ('issue' in tls.events) out.push(sourceUnknown(5, 'ingress-controller', tls.events.issue));
  else
    for (const e of tls.events.value.filter((e) => e.message.includes(secretName)))
      out.push(
        finding('INGRESS_TLS_WARNING_EVENT', {
          hop: 'ingress-controller',
          severity: 'warn',
          title: msg`Warning ${e.reason} on Ingress ${ing.namespace}/${ing.name}: ${e.message}`,
          evidence: [objectEvidence(`v1 Event ${e.involvedObject}`, 'message', e.message)],
          commands: [
            sh`kubectl get events -n ${ing.namespace} --field-selector involvedObject.kind=Ingress,involvedObject.name=${ing.name},type=Warning`,
          ],
        }),
      );
  const certs = tls.certificates && 'value' in tls.certificates ? tls.certificates.value : null;
  const cert = certs?.find((c) => c.secretName === secretName && c.ready);
  if (cert?.ready?.status === 'False') {
    const reason = cert.ready.reason ?? 'NotReady';
    out.push(
      finding('INGRESS_TLS_CERTIFICATE_NOT_READY', {
        hop: 'ingress-controller',
        severity: UNUSABLE.has(reason) ? 'fail' : 'warn',
        title: msg`cert-manager Certificate ${ing.namespace}/${cert.name} for ${host} (Secret ${secretName}) is not Ready: ${reason}${cert.ready.message ? ` — ${cert.ready.message}` : ''}`,
        evidence: [
          objectEvidence(
            `cert-manager.io/v1 Certificate ${ing.namespace}/${cert.name}`,
            'status.conditions[Ready]',
            cert.ready,
          ),
        ],
        commands: [sh`kubectl describe certificate -n ${ing.namespace} ${cert.name}`],
      }),
    );
  }
  const secret = tls.secrets?.[secretName];
  if (secret) {
    if ('issue' in secret) return [...out, sourceUnknown(5, 'ingress-controller', secret.issue)];
    if (!secret.value)
      out.push(
        finding('INGRESS_TLS_SECRET_MISSING', {
          hop: 'ingress-controller',
          severity: 'fail',
          title: msg`TLS Secret ${ing.namespace}/${secretName} for ${host} does not exist: the controller serves its default certificate`,
          evidence: [objectEvidence(ref, 'spec.tls[].secretName', secretName)],
          commands: [sh`kubectl get secret -n ${ing.namespace} ${secretName}`],
        }),
      );
    return out;
  }
  // A Ready Certificate is cert-manager's word that the Secret holds a valid certificate.
  if (cert?.ready?.status === 'True' || out.length > 0) return out;
  return [
    finding('INGRESS_TLS_NOT_CHECKED', {
      hop: 'ingress-controller',
      severity: 'unknown',
      title: msg`TLS Secret ${ing.namespace}/${secretName} for ${host} not checked: needs get on secrets (set HOPSCOPE_READ_TLS_SECRETS=1)`,
      evidence: [objectEvidence(ref, 'spec.tls[].secretName', secretName)],
      commands: [sh`kubectl get secret -n ${ing.namespace} ${secretName}`],
    }),
  ];
}
