// The operator's controller profiles, from the JSON file HOPSCOPE_PROFILES names: read and
// checked once per process, then installed over the built-in profiles. Names of backends and
// Envoy clusters are templates (`{namespace}-{service}-{port}@kubernetes`), so the file is data.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  GATEWAY_CONTROLLER_PROFILES,
  type GatewayControllerProfile,
} from '@/lib/profiles/gateway-controllers';
import {
  INGRESS_CONTROLLER_PROFILES,
  type BackendKeyedMetrics,
  type BackendRef,
  type IngressControllerProfile,
} from '@/lib/profiles/ingress-controllers';
import {
  fillTemplate,
  installControllerProfileOverrides,
  type ControllerProfileOverrides,
} from '@/lib/profiles/overrides';

const label = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a Prometheus label name');
const metric = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'a Prometheus metric name');
/** Placeholders a backend name may hold. */
const BACKEND_KEYS = ['namespace', 'ingress', 'service', 'port', 'servicePortName', 'servicePort'];
const template = (keys: readonly string[]) =>
  z
    .string()
    .refine(
      (t) => [...t.matchAll(/\{([a-zA-Z]+)\}/g)].every((m) => keys.includes(m[1]!)),
      `placeholders are ${keys.map((k) => `{${k}}`).join(', ')}`,
    );

const backendKeyed = z.strictObject({
  kind: z.literal('per-backend'),
  backendName: template(BACKEND_KEYS),
  /** Other names of the same backend (another version of the controller). */
  backendAliases: z.array(template(BACKEND_KEYS)).optional(),
  backendLabel: label,
  requests: metric,
  statusLabel: label,
  answeredBy: z.tuple([label, z.string().min(1)]).optional(),
  upstreamFailures: z.array(z.tuple([label, z.enum(['=', '=~']), z.string()])).optional(),
  upstreamLatency: z
    .strictObject({ histogram: metric, unit: z.enum(['seconds', 'milliseconds']) })
    .optional(),
  targetHealth: z
    .strictObject({
      metric,
      upstreamLabel: label,
      upstreamName: template(BACKEND_KEYS),
      targetLabel: label,
      down: z.enum(['== 0', '== 1']),
      downMatchers: z.array(z.tuple([label, z.enum(['=', '=~']), z.string()])).optional(),
    })
    .optional(),
  layouts: z
    .array(z.strictObject({ id: label, renamed: z.record(label, label) }))
    .min(1)
    .optional(),
});

const ingressProfile = z.strictObject({
  controller: z.string().min(1),
  /** A built-in profile whose metrics this one keeps (an ingress-nginx with its own class). */
  like: z.string().optional(),
  title: z.string().optional(),
  podSelector: z.string().optional(),
  serviceSelector: z.string().optional(),
  metrics: backendKeyed.optional(),
  noRouteSeries: z.string().optional(),
});

const gatewayProfile = z.strictObject({
  controllerName: z.string().min(1),
  like: z.string().optional(),
  title: z.string().optional(),
  /** Envoy's cluster name of one route rule. */
  clusterName: template(['kind', 'namespace', 'name', 'rule']).optional(),
  noRouteSeries: z.string().optional(),
});

export const profilesFileSchema = z.strictObject({
  ingress: z.array(ingressProfile).default([]),
  gateway: z.array(gatewayProfile).default([]),
});

function backendValues(b: BackendRef): Record<string, string | undefined> {
  return {
    namespace: b.namespace,
    ingress: b.ingress,
    service: b.service,
    port: b.ingressPort,
    servicePortName: b.servicePort?.name,
    servicePort: b.servicePort ? String(b.servicePort.port) : undefined,
  };
}

function toIngress(p: z.infer<typeof ingressProfile>): IngressControllerProfile {
  const base = p.like
    ? INGRESS_CONTROLLER_PROFILES.find((x) => x.controller === p.like)
    : undefined;
  if (p.like && !base)
    throw new Error(`ingress profile ${p.controller}: no built-in profile ${p.like}`);
  const m = p.metrics;
  const metrics: BackendKeyedMetrics | undefined = m && {
    ...m,
    backendName: (b) => fillTemplate(m.backendName, backendValues(b)),
    backendAliases: (b) =>
      (m.backendAliases ?? []).flatMap((t) => fillTemplate(t, backendValues(b)) ?? []),
    targetHealth: m.targetHealth && {
      ...m.targetHealth,
      upstreamName: (b) => fillTemplate(m.targetHealth!.upstreamName, backendValues(b)),
    },
    layouts: m.layouts ?? [{ id: 'direct', renamed: {} }],
  };
  const podSelector = p.podSelector ?? base?.podSelector;
  if (!podSelector) throw new Error(`ingress profile ${p.controller}: podSelector is needed`);
  return {
    controller: p.controller,
    title: p.title ?? base?.title ?? p.controller,
    podSelector,
    serviceSelector: p.serviceSelector ?? base?.serviceSelector ?? podSelector,
    metrics: metrics ?? (p.noRouteSeries ? undefined : base?.metrics),
    noRouteSeries: metrics ? undefined : (p.noRouteSeries ?? base?.noRouteSeries),
  };
}

function toGateway(p: z.infer<typeof gatewayProfile>): GatewayControllerProfile {
  // What it changes is a built-in profile's: the one it names with `like`, or its own.
  const basis = p.like ?? p.controllerName;
  const base = GATEWAY_CONTROLLER_PROFILES.find((x) => x.controllerName === basis);
  if (!base)
    throw new Error(
      p.like
        ? `gateway profile ${p.controllerName}: no built-in profile ${p.like}`
        : `gateway profile ${p.controllerName}: no built-in profile of that controller; name one with like`,
    );
  const named = p.clusterName;
  if (named && base.metrics?.kind !== 'envoy-cluster')
    throw new Error(
      `gateway profile ${p.controllerName}: clusterName needs an Envoy-based profile`,
    );
  const metrics =
    named && base.metrics?.kind === 'envoy-cluster'
      ? {
          ...base.metrics,
          clusterNames: (
            route: { kind?: 'HTTPRoute' | 'GRPCRoute'; namespace: string; name: string },
            rule: number,
          ) => {
            const name = fillTemplate(named, {
              kind: (route.kind ?? 'HTTPRoute').toLowerCase(),
              namespace: route.namespace,
              name: route.name,
              rule: String(rule),
            });
            return name ? [name] : [];
          },
        }
      : p.noRouteSeries
        ? undefined
        : base.metrics;
  return {
    controllerName: p.controllerName,
    title: p.title ?? base.title,
    ...(base.dataPlaneSelector ? { dataPlaneSelector: base.dataPlaneSelector } : {}),
    metrics,
    noRouteSeries: metrics ? undefined : (p.noRouteSeries ?? base.noRouteSeries),
  };
}

/** The overrides a profiles file declares; throws with the file's own mistakes named. */
export function parseProfilesFile(
  text: string,
  source = 'HOPSCOPE_PROFILES',
): ControllerProfileOverrides {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = profilesFileSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${source}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`,
    );
  try {
    return {
      ingress: parsed.data.ingress.map(toIngress),
      gateway: parsed.data.gateway.map(toGateway),
    };
  } catch (e) {
    throw new Error(`${source}: ${(e as Error).message}`);
  }
}

let loadedFrom: string | null | undefined;

/** Installs the file HOPSCOPE_PROFILES names, once per process (again when the variable changes). */
export function ensureControllerProfiles(): void {
  const file = process.env.HOPSCOPE_PROFILES || null;
  if (file === loadedFrom) return;
  installControllerProfileOverrides(
    file ? parseProfilesFile(readFileSync(file, 'utf8'), file) : null,
  );
  loadedFrom = file;
}
