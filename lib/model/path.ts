// The access path an SRE picks, validated at the boundary (API body, URL, scenario).
import { z } from 'zod';

// RFC 1123 label (namespaces, Service names) and subdomain (pods, nodes, Ingresses).
const dnsLabel = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a valid Kubernetes name (RFC 1123 label)',
  );
const dnsSubdomain = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    'must be a valid Kubernetes name (RFC 1123 subdomain)',
  );
const hostname = z
  .string()
  .max(253)
  .regex(/^(\*\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i, 'must be a host name');
/** A port by number or name; "80" is the number 80 (YAML and query strings carry it as text). */
const portRef = z.preprocess(
  (v) => (typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : v),
  z.union([z.number().int().min(1).max(65535), dnsLabel]),
);

const DURATION = /^([0-9]+)\s*(m|min|h|d)$/;
const MINUTES_PER: Record<string, number> = { m: 1, min: 1, h: 60, d: 24 * 60 };

/** `window: 30m` (the scenario contract's form) is `{ minutes: 30 }`; `2h`, `1d` likewise. */
function durationWindow(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const m = DURATION.exec(v.trim());
  return m ? { minutes: Number(m[1]) * MINUTES_PER[m[2]!]! } : v;
}

export const windowSchema = z.object({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  end: z.iso.datetime().optional(),
});
export type TimeWindow = z.infer<typeof windowSchema>;

const common = {
  cluster: z.string().min(1).max(253).optional(),
  namespace: dnsLabel,
  window: z.preprocess(durationWindow, windowSchema.default({ minutes: 30 })),
  /** Read the last lines of the backend containers' logs (opt-in: logs can hold secrets). */
  logs: z.boolean().optional(),
  /** Run the path trace (step 6): probes from a vantage point the server has enabled. */
  trace: z.boolean().optional(),
  /**
   * The user confirmed an ephemeral debug container in the client pod for the trace: it cannot
   * be removed and stays until the pod is deleted, so it is never added without this.
   */
  traceDebug: z.boolean().optional(),
};

export const clusterIpPathSchema = z.object({
  kind: z.literal('clusterip'),
  ...common,
  service: dnsLabel,
  port: portRef.optional(),
  client: z.object({ namespace: dnsLabel, pod: dnsSubdomain }).optional(),
});

export const nodePortPathSchema = z.object({
  kind: z.literal('nodeport'),
  ...common,
  service: dnsLabel,
  port: portRef.optional(),
  node: dnsSubdomain.optional(),
});

export const ingressPathSchema = z.object({
  kind: z.literal('ingress'),
  ...common,
  ingress: dnsSubdomain,
  host: hostname,
  path: z.string().startsWith('/').max(2048).default('/'),
});

/**
 * A host and path entering through a Gateway (Gateway API), by the route that serves it: an
 * HTTPRoute, or a GRPCRoute (whose path is the call's `/<package.Service>/<Method>`).
 */
export const gatewayPathSchema = z
  .object({
    kind: z.literal('gateway'),
    ...common,
    httproute: dnsSubdomain.optional(),
    grpcroute: dnsSubdomain.optional(),
    host: hostname,
    path: z.string().startsWith('/').max(2048).default('/'),
  })
  .refine((p) => (p.httproute === undefined) !== (p.grpcroute === undefined), {
    message: 'name exactly one route: httproute or grpcroute',
    path: ['httproute'],
  });

export const accessPathSchema = z.discriminatedUnion('kind', [
  clusterIpPathSchema,
  nodePortPathSchema,
  ingressPathSchema,
  gatewayPathSchema,
]);

export type ClusterIpPath = z.infer<typeof clusterIpPathSchema>;
export type NodePortPath = z.infer<typeof nodePortPathSchema>;
export type IngressPath = z.infer<typeof ingressPathSchema>;
export type GatewayPath = z.infer<typeof gatewayPathSchema>;
export type AccessPath = z.infer<typeof accessPathSchema>;
export type AccessKind = AccessPath['kind'];

export type PathParseResult = { ok: true; path: AccessPath } | { ok: false; errors: string[] };

export function parseAccessPath(input: unknown): PathParseResult {
  const result = accessPathSchema.safeParse(input);
  if (result.success) return { ok: true, path: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) =>
      i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
    ),
  };
}
