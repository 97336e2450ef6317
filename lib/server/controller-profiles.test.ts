// An operator's profiles file: an ingress-nginx install with its own controller class keeps
// ingress-nginx's metrics, a controller Hopscope does not know is described by templates, a
// renamed Envoy cluster is followed, and a wrong file is refused with its mistakes named.
import { afterEach, describe, expect, it } from 'vitest';
import { profileForController } from '@/lib/profiles/ingress-controllers';
import { gatewayProfileFor } from '@/lib/profiles/gateway-controllers';
import { installControllerProfileOverrides } from '@/lib/profiles/overrides';
import { parseProfilesFile } from './controller-profiles';

afterEach(() => installControllerProfileOverrides(null));

const ref = {
  namespace: 'shop',
  service: 'web',
  ingressPort: 'http',
  servicePort: { name: 'http', port: 80 },
};

describe('a profiles file', () => {
  it('gives a second ingress-nginx class the built-in metrics, under its own pods', () => {
    installControllerProfileOverrides(
      parseProfilesFile(
        JSON.stringify({
          ingress: [
            {
              controller: 'k8s.io/internal-nginx',
              like: 'k8s.io/ingress-nginx',
              podSelector: 'app.kubernetes.io/instance=internal-nginx',
            },
          ],
        }),
      ),
    );
    const p = profileForController('k8s.io/internal-nginx');
    expect(p?.metrics?.kind).toBe('per-ingress');
    expect(p?.podSelector).toBe('app.kubernetes.io/instance=internal-nginx');
    expect(p?.title).toBe('ingress-nginx');
    // the built-in profile is untouched
    expect(profileForController('k8s.io/ingress-nginx')?.podSelector).toContain('ingress-nginx');
  });
  it('describes an unknown controller with name templates, and overrides a built-in one', () => {
    installControllerProfileOverrides(
      parseProfilesFile(
        JSON.stringify({
          ingress: [
            {
              controller: 'traefik.io/ingress-controller',
              title: 'Traefik (file provider names)',
              podSelector: 'app=edge',
              metrics: {
                kind: 'per-backend',
                backendName: '{service}-{servicePort}@file',
                backendLabel: 'service',
                requests: 'traefik_service_requests_total',
                statusLabel: 'code',
                answeredBy: ['origin', 'backend'],
                backendAliases: ['{namespace}-{ingress}-{service}-{port}@file'],
              },
            },
          ],
        }),
      ),
    );
    const m = profileForController('traefik.io/ingress-controller')?.metrics;
    expect(m?.kind === 'per-backend' && m.backendName(ref)).toBe('web-80@file');
    expect(m?.kind === 'per-backend' && m.answeredBy).toEqual(['origin', 'backend']);
    expect(m?.kind === 'per-backend' && m.backendAliases?.({ ...ref, ingress: 'edge' })).toEqual([
      `${ref.namespace}-edge-${ref.service}-${ref.ingressPort}@file`,
    ]);
    // Without the Ingress's name that alias cannot be told: none, rather than a wrong one.
    expect(m?.kind === 'per-backend' && m.backendAliases?.(ref)).toEqual([]);
    expect(m?.kind === 'per-backend' && m.backendName({ ...ref, servicePort: undefined })).toBe(
      null,
    );
  });
  it('follows an EnvoyProxy that renames the cluster of a route rule', () => {
    installControllerProfileOverrides(
      parseProfilesFile(
        JSON.stringify({
          gateway: [
            {
              controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
              clusterName: '{namespace}-{name}-{rule}',
            },
          ],
        }),
      ),
    );
    const p = gatewayProfileFor('gateway.envoyproxy.io/gatewayclass-controller');
    expect(
      p?.metrics?.kind === 'envoy-cluster' &&
        p.metrics.clusterNames({ namespace: 'shop', name: 'web' }, 2, [], {
          namespace: 'infra',
          name: 'public',
        }),
    ).toEqual(['shop-web-2']);
  });
  it('is refused with each mistake named', () => {
    expect(() => parseProfilesFile('{')).toThrow(/not valid JSON/);
    expect(() =>
      parseProfilesFile(
        JSON.stringify({
          ingress: [
            {
              controller: 'x',
              podSelector: 'a=b',
              metrics: {
                kind: 'per-backend',
                backendName: '{ns}-{service}',
                backendLabel: 'service',
                requests: 'bad name',
                statusLabel: 'code',
              },
            },
          ],
        }),
      ),
    ).toThrow(/ingress\.0\.metrics\.backendName: placeholders are .*ingress\.0\.metrics\.requests/);
    expect(() =>
      parseProfilesFile(JSON.stringify({ ingress: [{ controller: 'x', like: 'nope' }] })),
    ).toThrow(/no built-in profile nope/);
    expect(() =>
      parseProfilesFile(
        JSON.stringify({ gateway: [{ controllerName: 'example.com/gw', clusterName: '{name}' }] }),
      ),
    ).toThrow(/name one with like/);
    expect(() => parseProfilesFile(JSON.stringify({ ingress: [{ controller: 'x' }] }))).toThrow(
      /podSelector is needed/,
    );
  });
});
