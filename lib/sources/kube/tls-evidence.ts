import 'server-only';
// Evidence about an Ingress's TLS Secrets. Reading a Secret, even its metadata, needs `get
// secrets` — the right to read every credential of the namespace — so it is off unless the
// server sets HOPSCOPE_READ_TLS_SECRETS=1. What is always looked at instead: Warning events
// about the Ingress, and cert-manager's Certificates (their Ready condition) when installed.
import {
  CustomObjectsApi,
  setHeaderOptions,
  type CoreV1Event,
  type KubeConfig,
} from '@kubernetes/client-node';
import type {
  CertificateInfo,
  Condition,
  Gathered,
  IngressInfo,
  TlsEvidence,
} from '@/lib/model/snapshot';
import { gatherList, gatherOne, isNotFound, toSourceIssue, type KubeApis } from './api';
import { toEventInfo } from './adapt';

export interface TlsReadOptions {
  readSecrets: boolean;
  /** For cert-manager's Certificates; without it they are not looked for. */
  customObjects?: CustomObjectsApi;
}

/** The server's setting, and a client for the cluster's custom resources. */
export function tlsReadOptions(kc: KubeConfig): TlsReadOptions {
  return {
    readSecrets: process.env.HOPSCOPE_READ_TLS_SECRETS === '1',
    customObjects: kc.makeApiClient(CustomObjectsApi),
  };
}

const METADATA_ONLY = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';
/** Warning events about one Ingress: a handful at most. */
const EVENT_LIMIT = 50;

interface WireCertificate {
  metadata?: { name?: string };
  spec?: { secretName?: string };
  status?: { conditions?: Condition[] };
}

function toCertificate(c: WireCertificate): CertificateInfo {
  const ready = c.status?.conditions?.find((x) => x.type === 'Ready');
  return {
    name: c.metadata?.name ?? '',
    secretName: c.spec?.secretName ?? '',
    ...(ready ? { ready } : {}),
  };
}

async function certificates(
  api: KubeApis,
  custom: CustomObjectsApi,
  namespace: string,
): Promise<Gathered<CertificateInfo[] | null>> {
  const what = `list cert-manager Certificates in ${namespace}`;
  try {
    const list = (await custom.listNamespacedCustomObject(
      { group: 'cert-manager.io', version: 'v1', namespace, plural: 'certificates' },
      api.options,
    )) as { items?: WireCertificate[] };
    return { value: (list.items ?? []).map(toCertificate) };
  } catch (error) {
    // No such resource: cert-manager is not installed, and there is nothing to say.
    if (isNotFound(error)) return { value: null };
    return { issue: toSourceIssue(what, error) };
  }
}

export async function collectTlsEvidence(
  api: KubeApis,
  ing: IngressInfo,
  options: TlsReadOptions,
): Promise<TlsEvidence | null> {
  const names = [...new Set(ing.tls.map((t) => t.secretName).filter((s): s is string => !!s))];
  if (names.length === 0) return null;
  const o = api.options;
  const [events, certs, secrets] = await Promise.all([
    gatherList(
      `list Warning events of Ingress ${ing.namespace}/${ing.name}`,
      () =>
        api.core.listNamespacedEvent(
          {
            namespace: ing.namespace,
            fieldSelector: `involvedObject.kind=Ingress,involvedObject.name=${ing.name},type=Warning`,
            limit: EVENT_LIMIT,
          },
          o,
        ),
      (l: { items: CoreV1Event[] }) => l.items.map(toEventInfo),
    ),
    options.customObjects ? certificates(api, options.customObjects, ing.namespace) : undefined,
    options.readSecrets
      ? Promise.all(
          names.map(async (name) => {
            // Metadata only: the Secret's data never leaves the API server.
            const g = await gatherOne(
              `get Secret ${ing.namespace}/${name} (metadata only)`,
              () =>
                api.core.readNamespacedSecret(
                  { namespace: ing.namespace, name },
                  setHeaderOptions('Accept', METADATA_ONLY, o),
                ),
              () => true,
            );
            return [name, 'value' in g ? { value: g.value === true } : g] as const;
          }),
        ).then((entries) => Object.fromEntries(entries))
      : null,
  ]);
  return { secrets, events, ...(certs ? { certificates: certs } : {}) };
}
