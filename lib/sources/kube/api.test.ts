import { KubeConfig } from '@kubernetes/client-node';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { DeadlinePassedError } from '@/lib/sources/concurrency';
import {
  cacheReadsServed,
  fromWatchCache,
  isConsistentList,
  listRevision,
  makeKubeApis,
  toSourceIssue,
} from './api';

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
    // Only the list's own metadata counts, never an item's older version.
    expect(
      list(
        '{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"resourceVersion":"3"}}]}',
      ),
    ).toBeUndefined();
    // A custom resource's list writes its items first: it gives no revision.
    expect(
      list(
        '{"apiVersion":"gateway.networking.k8s.io/v1","items":[],"kind":"HTTPRouteList","metadata":{"resourceVersion":"8"}}',
      ),
    ).toBeUndefined();
    expect(list('not json')).toBeUndefined();
  });
});

/** A stand-in API server that records what it was asked and how many bytes it answered. */
async function fakeApiServer(gitVersion: string) {
  const seen: string[] = [];
  let answered = 0;
  /** Answers 504 to a versioned read of this object, as a watch cache that cannot catch up. */
  const LAGGING = '/api/v1/namespaces/shop/services/slow';
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    seen.push(url);
    const path = url.split('?')[0]!;
    let status = 200;
    let body: string;
    if (path === '/version') body = JSON.stringify({ major: '1', gitVersion });
    else if (path === LAGGING && url.includes('resourceVersion=')) {
      status = 504;
      body =
        '{"kind":"Status","apiVersion":"v1","metadata":{},"message":"Timeout: Too large resource version","code":504}';
    } else if (path.endsWith('/pods'))
      body = '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"500"},"items":[]}';
    else if (path.includes('/nodes/'))
      body = '{"kind":"Node","apiVersion":"v1","metadata":{"name":"n1","resourceVersion":"3"}}';
    else
      body = '{"kind":"Service","apiVersion":"v1","metadata":{"name":"slow","namespace":"shop"}}';
    answered += Buffer.byteLength(body);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const kc = new KubeConfig();
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
  return {
    kc,
    seen,
    answered: () => answered,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('which answers give a revision, and which servers are asked for one', () => {
  it('a consistent LIST gives it; a versioned LIST, a later page, a watch, an object or a log do not', () => {
    const at = (url: string) => isConsistentList(`https://10.0.0.1:6443${url}`, 'GET');
    expect(at('/api/v1/namespaces/shop/pods?limit=250')).toBe(true);
    expect(at('/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices')).toBe(true);
    expect(at('/api/v1/pods?fieldSelector=status.podIP%3D10.0.0.1&resourceVersion=0')).toBe(false);
    expect(at('/api/v1/namespaces/shop/pods?limit=250&continue=abc')).toBe(false);
    expect(at('/api/v1/nodes?watch=true')).toBe(false);
    expect(at('/api/v1/nodes/n1')).toBe(false);
    expect(at('/api/v1/namespaces/shop/pods/web-0/log')).toBe(false);
  });

  it('servers from 1.31 on are asked, by the version they give', () => {
    const version = (gitVersion: string) =>
      cacheReadsServed(Buffer.from(JSON.stringify({ gitVersion })));
    expect(version('v1.31.0')).toBe(true);
    expect(version('v1.36.3')).toBe(true);
    expect(version('v1.33.5-eks-113cf36')).toBe(true);
    expect(version('v1.30.14')).toBe(false);
    expect(version('v1.9.11')).toBe(false);
    expect(version('')).toBe(false);
    expect(cacheReadsServed(Buffer.from('<html>'))).toBe(false);
  });
});

describe('a diagnosis asks the watch cache once it knows the revision', () => {
  const servers: Awaited<ReturnType<typeof fakeApiServer>>[] = [];
  const start = async (gitVersion: string) => {
    const s = await fakeApiServer(gitVersion);
    servers.push(s);
    return s;
  };
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('reads as asked until its first LIST, then no older than it; a 504 is read again as asked, and that server is left alone a while', async () => {
    const server = await start('v1.36.3');
    const api = makeKubeApis(server.kc);
    const o = api.options;
    await api.core.readNode({ name: 'n1' }, o);
    await api.core.listNamespacedPod({ namespace: 'shop', limit: 250 }, o);
    await api.core.readNode({ name: 'n1' }, o);
    await api.core.listNamespacedPod({ namespace: 'shop', limit: 250 }, o);
    const slow = await api.core.readNamespacedService({ namespace: 'shop', name: 'slow' }, o);
    await api.core.listNamespacedPod({ namespace: 'shop' }, o);
    await api.core.readNode({ name: 'n1' }, o);
    expect(server.seen).toEqual([
      '/api/v1/nodes/n1',
      '/api/v1/namespaces/shop/pods?limit=250',
      // The server's version, once per process: 1.31 and later catch their cache up.
      '/version',
      '/api/v1/nodes/n1?resourceVersion=500',
      '/api/v1/namespaces/shop/pods?limit=250',
      '/api/v1/namespaces/shop/services/slow?resourceVersion=500',
      '/api/v1/namespaces/shop/services/slow',
      // After the 504 this diagnosis reads as asked and learns no new revision.
      '/api/v1/namespaces/shop/pods',
      '/api/v1/nodes/n1',
    ]);
    expect(slow.metadata?.name).toBe('slow');
    expect(api.requestCount()).toBe(server.seen.length);
    expect(api.responseBytes()).toBe(server.answered());

    // The next diagnosis of the same server: its cache lagged a moment ago, so it is not asked.
    server.seen.length = 0;
    const next = makeKubeApis(server.kc);
    await next.core.listNamespacedPod({ namespace: 'shop' }, next.options);
    await next.core.readNode({ name: 'n1' }, next.options);
    expect(server.seen).toEqual(['/api/v1/namespaces/shop/pods', '/api/v1/nodes/n1']);
  });

  it('a diagnosis starts without a revision, and learns it from a LIST only', async () => {
    const server = await start('v1.33.0-eks-4a1b2c');
    const first = makeKubeApis(server.kc);
    await first.core.listNamespacedPod({ namespace: 'shop' }, first.options);
    const next = makeKubeApis(server.kc);
    await next.core.readNode({ name: 'n1' }, next.options);
    await next.core.readNode({ name: 'n1' }, next.options);
    await next.core.listNamespacedPod({ namespace: 'shop' }, next.options);
    await next.core.readNode({ name: 'n1' }, next.options);
    expect(server.seen).toEqual([
      '/api/v1/namespaces/shop/pods',
      '/api/v1/nodes/n1',
      '/api/v1/nodes/n1',
      '/api/v1/namespaces/shop/pods',
      '/version',
      '/api/v1/nodes/n1?resourceVersion=500',
    ]);
  });

  it('a server older than 1.31 is read as asked: its cache would not catch up', async () => {
    const server = await start('v1.30.14');
    const api = makeKubeApis(server.kc);
    await api.core.listNamespacedPod({ namespace: 'shop' }, api.options);
    await api.core.readNode({ name: 'n1' }, api.options);
    await api.core.readNode({ name: 'n1' }, api.options);
    expect(server.seen).toEqual([
      '/api/v1/namespaces/shop/pods',
      '/version',
      '/api/v1/nodes/n1',
      '/api/v1/nodes/n1',
    ]);
    expect(api.requestCount()).toBe(4);
  });
});
