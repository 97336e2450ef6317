// Each controller's name for the path's backend, as its own source builds it: the series are
// found by that name, so a wrong one reads as "no series", never as a false verdict.
import { describe, expect, it } from 'vitest';
import {
  INGRESS_CONTROLLER_PROFILES,
  profileForController,
  type BackendRef,
} from './ingress-controllers';

const ref: BackendRef = {
  namespace: 'shop',
  service: 'web_api',
  ingressPort: 'http',
  servicePort: { name: 'http', port: 80 },
};

function backendKeyed(controller: string) {
  const m = profileForController(controller)?.metrics;
  if (m?.kind !== 'per-backend') throw new Error(`${controller} is not backend-keyed`);
  return m;
}

describe('backend names', () => {
  it('Traefik: Normalize(<ns>-<service>-<port>)@kubernetes, every other character run a dash', () => {
    const m = backendKeyed('traefik.io/ingress-controller');
    expect(m.backendName(ref)).toBe('shop-web-api-http@kubernetes');
    expect(m.backendName({ ...ref, service: 'web', ingressPort: '8080' })).toBe(
      'shop-web-8080@kubernetes',
    );
  });
  it('Kong: service <ns>.<service>.<port>, upstream <service>.<ns>.<port>.svc', () => {
    const m = backendKeyed('ingress-controllers.konghq.com/kong');
    expect(m.backendName(ref)).toBe('shop.web_api.http');
    expect(m.targetHealth?.upstreamName(ref)).toBe('web_api.shop.http.svc');
  });
  it('HAProxy: <ns>_svc_<service>_<Service port name or number>, unknown without the Service', () => {
    const m = backendKeyed('haproxy.org/ingress-controller/haproxy');
    expect(m.backendName(ref)).toBe('shop_svc_web_api_http');
    expect(m.backendName({ ...ref, servicePort: { port: 8080 } })).toBe('shop_svc_web_api_8080');
    expect(m.backendName({ ...ref, servicePort: undefined })).toBeNull();
  });
});

describe('the profiles', () => {
  it('are found by spec.controller, one each, and say why when they have no series', () => {
    const controllers = INGRESS_CONTROLLER_PROFILES.map((p) => p.controller);
    expect(new Set(controllers).size).toBe(controllers.length);
    for (const p of INGRESS_CONTROLLER_PROFILES)
      expect(!!p.metrics !== !!p.noRouteSeries).toBe(true);
    expect(profileForController('nginx')).toBeUndefined();
  });
});
