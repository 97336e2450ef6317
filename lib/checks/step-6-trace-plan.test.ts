import { describe, expect, it } from 'vitest';
import {
  clusterIpSnapshot,
  gatewaySnapshot,
  ingressSnapshot,
  nodePortSnapshot,
  WEB_PODS,
} from '@/lib/testing/snapshot-fixtures';
import { planTrace } from './step-6-trace-plan';

const brief = (s: ReturnType<typeof planTrace>) =>
  s.targets.map(
    (t) => `${t.tier} ${t.protocol} ${t.address}:${t.port}${t.name ? ` ${t.name}` : ''}`,
  );

describe('what the path trace probes', () => {
  it('ClusterIP: the name through kube-dns, the control name, the VIP, each ready endpoint', () => {
    const s = clusterIpSnapshot();
    const plan = planTrace(s);
    const tiers = plan.targets.map((t) => t.tier);
    expect(tiers.slice(0, 3)).toEqual(['dns', 'control', 'service']);
    expect(tiers.filter((t) => t === 'endpoint')).toHaveLength(WEB_PODS.length);
    expect(brief(plan)[0]).toMatch(/^dns dns [\d.]+:53 web\.shop\.svc\.cluster\.local$/);
    const pod = plan.targets.find((t) => t.tier === 'endpoint')!;
    expect(pod.subject).toMatch(/^pod\/shop\//);
    expect(WEB_PODS.map((p) => p.podIP)).toContain(pod.address);
    // Nothing but the path's own addresses may be probed.
    expect([...plan.allowed].sort()).toEqual(
      [...new Set(plan.targets.map((t) => t.address))].sort(),
    );
  });

  it('NodePort adds the entry node; Ingress probes the host through the controller Service', () => {
    const np = planTrace(nodePortSnapshot());
    expect(np.targets.some((t) => t.tier === 'node-port')).toBe(true);
    const ing = planTrace(ingressSnapshot());
    const entry = ing.targets.find((t) => t.tier === 'ingress');
    expect(entry).toMatchObject({ protocol: 'http', hostHeader: 'shop.example.com' });
    expect(ing.targets.some((t) => t.tier === 'dns' || t.tier === 'service')).toBe(false);
  });

  it('Gateway: the host through the data-plane Service, on the port of the listener that admits it', () => {
    const plan = planTrace(gatewaySnapshot());
    expect(plan.targets.find((t) => t.tier === 'gateway')).toMatchObject({
      protocol: 'http',
      address: '10.96.40.10',
      port: 80,
      hostHeader: 'shop.example.com',
      httpPath: '/cart',
    });
    expect(plan.allowed.has('10.96.40.10')).toBe(true);
    expect(plan.targets.some((t) => t.tier === 'dns' || t.tier === 'service')).toBe(false);
  });

  it('Gateway: no listener admits the host, so there is no way in to probe', () => {
    const s = gatewaySnapshot();
    const g = s.gateway!.parents[0]!.gateway;
    if ('value' in g && g.value) g.value.listeners[0]!.hostname = '*.example.org';
    expect(planTrace(s).targets.some((t) => t.tier === 'gateway')).toBe(false);
  });
});
