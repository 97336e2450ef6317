// The Gateway API on the real test cluster: cluster.sh installs the CRDs (standard channel) of the
// release build-binaries.sh pins, and the scenario loader creates, with their statuses, and
// cleans Gateway API objects like any other kind. A missing bundle fails here; nothing is skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCluster } from '../harness/ensure-cluster';
import { kubectl, kubectlJson } from '../harness/kubectl';
import { loadCluster, SCENARIO_LABEL } from '../harness/load-cluster';
import type { KubeObject, Scenario } from '../harness/scenario';
import { cacheDir, repoRoot } from '../harness/test-env';

const GROUP = 'gateway.networking.k8s.io';
const CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';
const SINCE = '2026-01-01T00:00:00Z';

/** The release build-binaries.sh pins: the one source of the version. */
function pinnedVersion(): string {
  const script = readFileSync(path.join(repoRoot, 'e2e/cluster/build-binaries.sh'), 'utf8');
  const version = /GATEWAY_API_VERSION=\$\{GATEWAY_API_VERSION:-(v[0-9.]+)\}/.exec(script)?.[1];
  if (!version) throw new Error('build-binaries.sh pins no GATEWAY_API_VERSION');
  return version;
}

function condition(type: string, reason: string, message: string) {
  return {
    type,
    status: 'True',
    reason,
    message,
    observedGeneration: 1,
    lastTransitionTime: SINCE,
  };
}

const gatewayRef = {
  group: GROUP,
  kind: 'Gateway',
  namespace: 'gateway',
  name: 'edge',
  sectionName: 'http',
};

/** A scenario's worth of Gateway API objects: class, Gateway, HTTPRoute to a Service, a grant. */
function gatewayObjects(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gateway' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    {
      apiVersion: `${GROUP}/v1`,
      kind: 'GatewayClass',
      metadata: { name: 'envoy' },
      spec: { controllerName: CONTROLLER },
      status: { conditions: [condition('Accepted', 'Accepted', 'Valid GatewayClass')] },
    },
    {
      apiVersion: `${GROUP}/v1`,
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'gateway' },
      spec: {
        gatewayClassName: 'envoy',
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: 80,
            hostname: '*.example.com',
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
      status: {
        addresses: [{ type: 'IPAddress', value: '10.96.30.1' }],
        conditions: [
          condition('Accepted', 'Accepted', 'The Gateway has been scheduled by Envoy Gateway'),
          condition('Programmed', 'Programmed', 'Address assigned to the Gateway, 1/1 envoy ready'),
        ],
        listeners: [
          {
            name: 'http',
            attachedRoutes: 1,
            supportedKinds: [
              { group: GROUP, kind: 'HTTPRoute' },
              { group: GROUP, kind: 'GRPCRoute' },
            ],
            conditions: [
              condition('Programmed', 'Programmed', 'Sending translated listener configuration'),
              condition('Accepted', 'Accepted', 'Listener is Accepted'),
              condition('ResolvedRefs', 'ResolvedRefs', 'Listener references have been resolved'),
            ],
          },
        ],
      },
    },
    // No selector: the route's backend only has to exist (no EndpointSlices to wait for).
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    },
    {
      apiVersion: `${GROUP}/v1`,
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        parentRefs: [gatewayRef],
        hostnames: ['shop.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [{ name: 'web', port: 80 }],
          },
        ],
      },
      status: {
        parents: [
          {
            parentRef: gatewayRef,
            controllerName: CONTROLLER,
            conditions: [
              condition('Accepted', 'Accepted', 'Route is accepted'),
              condition('ResolvedRefs', 'ResolvedRefs', 'Resolved all the Object references'),
            ],
          },
        ],
      },
    },
    // The certificate of a future HTTPS listener would live in shop; the grant lets the Gateway use it.
    {
      apiVersion: `${GROUP}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: { name: 'gateway-certs', namespace: 'shop' },
      spec: {
        from: [{ group: GROUP, kind: 'Gateway', namespace: 'gateway' }],
        to: [{ group: '', kind: 'Secret' }],
      },
    },
  ];
}

function scenario(name: string, objects: KubeObject[]): Scenario {
  return { name, dir: '', objects, expectations: [] };
}

interface Crd {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { group: string; versions: { name: string; served: boolean }[] };
  status?: { conditions?: { type: string; status: string }[] };
}

interface Conditioned {
  conditions?: { type: string; status: string; reason: string; lastTransitionTime: string }[];
}

const KINDS = ['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes', 'referencegrants'];

async function scenarioObjects(): Promise<string[]> {
  const names = await kubectl([
    'get',
    KINDS.map((k) => `${k}.${GROUP}`).join(','),
    '-A',
    `-l${SCENARIO_LABEL}`,
    '-o',
    'name',
  ]);
  return names.split('\n').filter(Boolean).sort();
}

beforeAll(() => {
  ensureCluster();
});

describe('the Gateway API CRDs', () => {
  it('come from the pinned release, copied into the binary cache', () => {
    const dir = path.join(cacheDir, 'bin/gateway-api-crds', pinnedVersion());
    expect(existsSync(dir), `${dir}: run bash e2e/cluster/build-binaries.sh gateway-api`).toBe(
      true,
    );
    const files = readdirSync(dir);
    for (const kind of KINDS) expect(files).toContain(`${GROUP}_${kind}.yaml`);
  });

  it('are Established on the cluster, with the pinned bundle version', async () => {
    const crds = await kubectlJson<{ items: Crd[] }>(['get', 'crd']);
    const ours = new Map(
      crds.items.filter((c) => c.spec.group === GROUP).map((c) => [c.metadata.name, c]),
    );
    for (const kind of KINDS) {
      const crd = ours.get(`${kind}.${GROUP}`);
      expect(crd, `${kind}.${GROUP} is not installed`).toBeDefined();
      expect(crd?.metadata.annotations?.[`${GROUP}/bundle-version`]).toBe(pinnedVersion());
      expect(crd?.metadata.annotations?.[`${GROUP}/channel`]).toBe('standard');
      expect(crd?.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
    }
    const served = (kind: string) =>
      ours
        .get(`${kind}.${GROUP}`)
        ?.spec.versions.filter((v) => v.served)
        .map((v) => v.name);
    expect(served('httproutes')).toContain('v1');
    expect(served('gateways')).toContain('v1');
    expect(served('gatewayclasses')).toContain('v1');
    expect(served('grpcroutes')).toContain('v1');
    expect(served('referencegrants')).toContain('v1beta1');
  });
});

describe('Gateway API objects through the scenario loader', () => {
  it('loads them with their statuses, and the next load cleans them', async () => {
    const loaded = await loadCluster(scenario('gateway-api', gatewayObjects()));
    expect(loaded).toEqual({ objects: 7, statuses: 3 });
    expect(await scenarioObjects()).toEqual([
      `gateway.${GROUP}/edge`,
      `gatewayclass.${GROUP}/envoy`,
      `httproute.${GROUP}/web`,
      `referencegrant.${GROUP}/gateway-certs`,
    ]);

    const gatewayClass = await kubectlJson<{ status: Conditioned }>([
      'get',
      `gatewayclasses.${GROUP}`,
      'envoy',
    ]);
    expect(gatewayClass.status.conditions).toEqual([
      expect.objectContaining({ type: 'Accepted', status: 'True', lastTransitionTime: SINCE }),
    ]);

    const gateway = await kubectlJson<{
      status: Conditioned & {
        addresses: { value: string }[];
        listeners: (Conditioned & { name: string; attachedRoutes: number })[];
      };
    }>(['get', `gateways.${GROUP}`, '-n', 'gateway', 'edge']);
    expect(gateway.status.addresses).toEqual([{ type: 'IPAddress', value: '10.96.30.1' }]);
    // Written, not the CRD's default (Accepted and Programmed Unknown, "Waiting for controller").
    expect(gateway.status.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'Accepted=True',
      'Programmed=True',
    ]);
    expect(gateway.status.listeners).toEqual([
      expect.objectContaining({ name: 'http', attachedRoutes: 1 }),
    ]);

    const route = await kubectlJson<{
      spec: { hostnames: string[] };
      status: { parents: (Conditioned & { controllerName: string; parentRef: unknown })[] };
    }>(['get', `httproutes.${GROUP}`, '-n', 'shop', 'web']);
    expect(route.spec.hostnames).toEqual(['shop.example.com']);
    expect(route.status.parents).toHaveLength(1);
    expect(route.status.parents[0]?.controllerName).toBe(CONTROLLER);
    expect(route.status.parents[0]?.parentRef).toEqual(gatewayRef);
    expect(route.status.parents[0]?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'Accepted=True',
      'ResolvedRefs=True',
    ]);

    await loadCluster(scenario('after-gateway-api', []));
    expect(await scenarioObjects()).toEqual([]);
  });

  it('refuses an incomplete status: the CRD validates it', async () => {
    const [, , gatewayClass] = gatewayObjects();
    const incomplete = {
      ...gatewayClass!,
      status: { conditions: [{ type: 'Accepted', status: 'True' }] },
    };
    await expect(loadCluster(scenario('gateway-api-invalid', [incomplete]))).rejects.toThrow(
      /status\.conditions\[0\]\.lastTransitionTime: Required value/,
    );
    await loadCluster(scenario('after-gateway-api', []));
  });

  it('says a ReferenceGrant has no status rather than dropping it', async () => {
    const grant = gatewayObjects().find((o) => o.kind === 'ReferenceGrant')!;
    await expect(
      loadCluster(scenario('gateway-api-grant', [{ ...grant, status: { ok: true } }])),
    ).rejects.toThrow(/ReferenceGrant gateway-certs has no status/);
  });
});

describe('a cluster without the Gateway API', () => {
  it('is reset all the same, and cluster.sh up installs the CRDs again', async () => {
    await kubectl(['delete', 'crd', ...KINDS.map((k) => `${k}.${GROUP}`), '--wait=true']);
    try {
      await expect(loadCluster(scenario('no-gateway-api', []))).resolves.toEqual({
        objects: 0,
        statuses: 0,
      });
    } finally {
      ensureCluster();
    }
    expect(await scenarioObjects()).toEqual([]);
  });
});
