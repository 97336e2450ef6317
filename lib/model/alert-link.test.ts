// An alert's labels and start time, as Alertmanager and Grafana templates print them, into the
// path to diagnose and a window that reaches back before the alert started.
import { describe, expect, it } from 'vitest';
import { alertTarget, parseAlertTime, targetQuery } from './alert-link';

const NOW = new Date('2026-12-01T03:00:00Z');

describe('the link an alert opens', () => {
  it("reads Go's time.Time as templates print {{ .StartsAt }}, and RFC 3339", () => {
    expect(parseAlertTime('2026-12-01 02:10:05.123456789 +0000 UTC')?.toISOString()).toBe(
      '2026-12-01T02:10:05.123Z',
    );
    expect(parseAlertTime('2026-12-01 03:10:05 +0100 CET')?.toISOString()).toBe(
      '2026-12-01T02:10:05.000Z',
    );
    expect(parseAlertTime('2026-12-01T02:10:05Z')?.toISOString()).toBe('2026-12-01T02:10:05.000Z');
    expect(parseAlertTime('yesterday')).toBeUndefined();
    // Without an offset a time would be read in the server's zone: refused.
    expect(parseAlertTime('2026-12-01T02:10:05')).toBeUndefined();
  });
  it('a Service alert that started 50 min ago: a ClusterIP path over the last 65 min', () => {
    const r = alertTarget(
      { namespace: 'shop', service: 'web', startsAt: '2026-12-01 02:10:00 +0000 UTC' },
      NOW,
    );
    expect(r.ok && targetQuery(r.target, undefined)).toEqual({
      kind: 'clusterip',
      namespace: 'shop',
      service: 'web',
      minutes: '65',
    });
  });
  it('an Ingress wins over the Service of the same alert; the host is kept when given', () => {
    const r = alertTarget(
      {
        namespace: 'shop',
        service: 'web',
        ingress: 'web',
        host: 'shop.example.com',
        path: '/cart',
      },
      NOW,
    );
    expect(r.ok && r.target.kind).toBe('ingress');
    expect(r.ok && targetQuery(r.target, r.target.host)).toMatchObject({
      ingress: 'web',
      host: 'shop.example.com',
      path: '/cart',
      minutes: '30',
    });
  });
  it('exported_* labels of a scrape without honorLabels are read too; a GRPCRoute keeps its kind', () => {
    const r = alertTarget({ exported_namespace: 'shop', grpcroute: 'cart' }, NOW);
    expect(r.ok && targetQuery(r.target, 'grpc.example.com')).toMatchObject({
      kind: 'gateway',
      namespace: 'shop',
      grpcroute: 'cart',
      host: 'grpc.example.com',
    });
  });
  it("a scrape without honorLabels: the series' own exported_* labels, not the scrape target's", () => {
    const r = alertTarget(
      {
        namespace: 'ingress-nginx',
        exported_namespace: 'shop',
        service: 'ingress-nginx-controller-metrics',
        exported_service: 'web',
      },
      NOW,
    );
    expect(r.ok && targetQuery(r.target, undefined)).toMatchObject({
      namespace: 'shop',
      service: 'web',
    });
  });
  it('says what is missing instead of guessing', () => {
    expect(alertTarget({ service: 'web' }, NOW)).toEqual({
      ok: false,
      problem: 'the alert has no namespace label (nor exported_namespace)',
    });
    expect(alertTarget({ namespace: 'shop', pod: 'web-1' }, NOW)).toMatchObject({ ok: false });
    expect(alertTarget({ namespace: 'shop', service: 'web', startsAt: 'soon' }, NOW)).toEqual({
      ok: false,
      problem: 'startsAt "soon" is not a time',
    });
  });
  it('a window never shorter than 30 min nor longer than a week', () => {
    const old = alertTarget(
      { namespace: 'a', service: 'b', startsAt: '2026-10-01T00:00:00Z' },
      NOW,
    );
    expect(old.ok && old.target.window.minutes).toBe(7 * 24 * 60);
    const fresh = alertTarget(
      { namespace: 'a', service: 'b', startsAt: '2026-12-01T02:59:00Z' },
      NOW,
    );
    expect(fresh.ok && fresh.target.window.minutes).toBe(30);
  });
});
