import { KubeConfig } from '@kubernetes/client-node';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlinePassedError } from '@/lib/sources/concurrency';
import { fromWatchCache, listRevision, makeKubeApis, toSourceIssue } from './api';

describe('toSourceIssue', () => {
  it('says what went wrong on the network without the address or port', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.20.30.40:6443'), {
        code: 'ECONNREFUSED',
      }),
    });
    const issue = toSourceIssue('get Service shop/web', refused);
    expect(issue).toMatchObject({ kind: 'unreachable', what: 'get Service shop/web' });
    expect(issue.message).toBe('the API server refused the connection (is it running?)');
    const odd = toSourceIssue(
      'x',
      Object.assign(new Error('at 10.20.30.40'), { code: 'EWHATEVER' }),
    );
    expect(odd.message).toBe('the connection to the API server failed (EWHATEVER)');
    expect(toSourceIssue('x', new Error('socket 10.20.30.40:6443 hung')).message).not.toContain(
      '10.20.30.40',
    );
  });

  it("names the diagnosis' deadline when that is what cut a call off", () => {
    expect(toSourceIssue('list Nodes', new DeadlinePassedError(20_000))).toMatchObject({
      kind: 'timeout',
      message: "the diagnosis' deadline of 20 s passed first",
    });
  });
});

describe('reads from the watch cache', () => {
  const base = 'https://10.0.0.1:6443';
  const asked = (url: string) => fromWatchCache(`${base}${url}`, 'GET', '42').slice(base.length);

  it('asks for one object no older than the revision, and for a LIST not older than it', () => {
    expect(asked('/api/v1/nodes/n1')).toBe('/api/v1/nodes/n1?resourceVersion=42');
    expect(asked('/api/v1/namespaces/shop')).toBe('/api/v1/namespaces/shop?resourceVersion=42');
    expect(asked('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1')).toBe(
      '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1?resourceVersion=42',
    );
    expect(asked('/api/v1/nodes?labelSelector=a%3Db')).toBe(
      '/api/v1/nodes?labelSelector=a%3Db&resourceVersion=42&resourceVersionMatch=NotOlderThan',
    );
    expect(asked('/api/v1/namespaces/kube-system/pods?fieldSelector=spec.nodeName%3Dn1')).toBe(
      '/api/v1/namespaces/kube-system/pods?fieldSelector=spec.nodeName%3Dn1&resourceVersion=42&resourceVersionMatch=NotOlderThan',
    );
    expect(asked('/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/web')).toBe(
      '/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/web?resourceVersion=42',
    );
  });

  it('leaves pages, logs, watches, versioned reads, discovery and writes as they were asked', () => {
    for (const url of [
      '/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb&limit=250',
      '/api/v1/namespaces/shop/pods?limit=250&continue=abc',
      '/api/v1/namespaces/shop/pods/web-0/log?tailLines=20',
      '/api/v1/namespaces/shop/status',
      '/api/v1/namespaces/shop/finalize',
      '/api/v1/nodes?watch=true',
      '/api/v1/nodes?resourceVersion=0',
      '/apis/gateway.networking.k8s.io/v1',
      '/apis',
      '/version',
    ])
      expect(asked(url)).toBe(url);
    expect(fromWatchCache(`${base}/api/v1/nodes`, 'POST', '42')).toBe(`${base}/api/v1/nodes`);
  });

  it("reads a LIST's revision from the first bytes of its body, and nothing else's", () => {
    const list = (json: string) => listRevision(Buffer.from(json));
    expect(
      list(
        '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"269676"},"items":[]}',
      ),
    ).toBe('269676');
    expect(
      list(
        '{"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"7","continue":"x","remainingItemCount":3},"items":[]}',
      ),
    ).toBe('7');
    // One object's version is when it changed, not the cluster's revision.
    expect(
      list('{"kind":"Node","apiVersion":"v1","metadata":{"name":"n1","resourceVersion":"9"}}'),
    ).toBeUndefined();
    expect(list('{"kind":"Status","apiVersion":"v1","metadata":{},"code":404}')).toBeUndefined();
    expect(list('not json')).toBeUndefined();
  });
});

describe('a diagnosis asks the watch cache once it knows the revision', () => {
  const seen: string[] = [];
  let server: Server;
  let kc: KubeConfig;
  /** Answers 504 to a versioned read of this object, as a watch cache that cannot catch up. */
  const LAGGING = '/api/v1/namespaces/shop/services/slow';

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = req.url ?? '';
      seen.push(url);
      res.setHeader('content-type', 'application/json');
      const path = url.split('?')[0]!;
      if (path === LAGGING && url.includes('resourceVersion=')) {
        res.statusCode = 504;
        res.end(
          '{"kind":"Status","apiVersion":"v1","metadata":{},"message":"Timeout: Too large resource version","code":504}',
        );
      } else if (path.endsWith('/pods'))
        res.end(
          '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"500"},"items":[]}',
        );
      else if (path.includes('/nodes/'))
        res.end('{"kind":"Node","apiVersion":"v1","metadata":{"name":"n1","resourceVersion":"3"}}');
      else
        res.end(
          '{"kind":"Service","apiVersion":"v1","metadata":{"name":"slow","namespace":"shop"}}',
        );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'c',
          server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'u' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reads the first time as asked, then no older than the first LIST, retrying a 504 as asked', async () => {
    seen.length = 0;
    const api = makeKubeApis(kc);
    await api.core.readNode({ name: 'n1' }, api.options);
    await api.core.listNamespacedPod({ namespace: 'shop', limit: 250 }, api.options);
    await api.core.readNode({ name: 'n1' }, api.options);
    await api.core.listNamespacedPod({ namespace: 'shop', limit: 250 }, api.options);
    const slow = await api.core.readNamespacedService(
      { namespace: 'shop', name: 'slow' },
      api.options,
    );
    expect(seen).toEqual([
      '/api/v1/nodes/n1',
      '/api/v1/namespaces/shop/pods?limit=250',
      '/api/v1/nodes/n1?resourceVersion=500',
      '/api/v1/namespaces/shop/pods?limit=250',
      '/api/v1/namespaces/shop/services/slow?resourceVersion=500',
      '/api/v1/namespaces/shop/services/slow',
    ]);
    expect(slow.metadata?.name).toBe('slow');
    expect(api.requestCount()).toBe(6);
    // Another diagnosis starts without a revision of its own.
    seen.length = 0;
    const next = makeKubeApis(kc);
    await next.core.readNode({ name: 'n1' }, next.options);
    expect(seen).toEqual(['/api/v1/nodes/n1']);
  });
});
