import { describe, expect, it } from 'vitest';
import { parseRecent } from './recent-paths';
import { diagnoseHref, pathToQuery } from './live-link';
import { queryToPath } from './query-to-path';

describe('the live link', () => {
  it.each([
    {
      kind: 'clusterip',
      namespace: 'shop',
      service: 'web',
      port: 80,
      client: { namespace: 'shop', pod: 'toolbox' },
      window: { minutes: 30 },
      logs: true,
    },
    {
      kind: 'nodeport',
      namespace: 'shop',
      service: 'web-np',
      port: 'http',
      node: 'worker-1',
      window: { minutes: 60, end: '2026-11-23T10:42:00.000Z' },
    },
    {
      kind: 'ingress',
      namespace: 'shop',
      ingress: 'web',
      host: 'shop.example.com',
      path: '/cart',
      window: { minutes: 15 },
    },
  ])('round-trips $kind through the URL', (path) => {
    const href = diagnoseHref(pathToQuery(path as never));
    const back = queryToPath(Object.fromEntries(new URL(href, 'http://x').searchParams));
    expect(back).toEqual({ ok: true, path });
  });

  it('reads a datetime-local end as UTC and rejects bad names with a message', () => {
    expect(
      queryToPath({
        kind: 'clusterip',
        namespace: 'shop',
        service: 'web',
        end: '2026-11-23T10:42',
      }),
    ).toMatchObject({ ok: true, path: { window: { end: '2026-11-23T10:42:00.000Z' } } });
    expect(queryToPath({ kind: 'clusterip', namespace: 'Shop!', service: 'web' })).toEqual({
      ok: false,
      errors: ['namespace: must be a valid Kubernetes name (RFC 1123 label)'],
    });
  });

  it('ignores malformed recent-path storage', () => {
    expect(parseRecent('not json')).toEqual([]);
    expect(parseRecent('[{"href":"/diagnose?x","label":"x"},{"href":3}]')).toEqual([
      { href: '/diagnose?x', label: 'x' },
    ]);
  });
});
