import { describe, expect, it } from 'vitest';
import { authenticate, PEER_HEADER, PEER_SEAL_HEADER, type RequestFacts } from './authenticate';
import { readAuthSettings, type AuthSettings } from './settings';

const TOKEN = 'secret-token-0123456789';
const SEAL = 'seal-abcdef';

function settings(env: Record<string, string>): AuthSettings {
  return readAuthSettings({ HOPSCOPE_PEER_SEAL: SEAL, ...env } as unknown as NodeJS.ProcessEnv);
}

function req(
  headers: Record<string, string>,
  { method = 'GET', url = 'http://127.0.0.1:3000/diagnose?kind=clusterip' } = {},
): RequestFacts {
  return {
    method,
    url: new URL(url),
    headers: new Headers({ host: '127.0.0.1:3000', ...headers }),
  };
}

describe('local mode', () => {
  const local = settings({ HOPSCOPE_ACCESS_TOKEN: TOKEN });

  it('admits the token as the cookie or as a bearer header, with the kubeconfig identity', () => {
    const ways: Record<string, string>[] = [
      { cookie: `a=b; hopscope_token=${TOKEN}` },
      { authorization: `Bearer ${TOKEN}` },
    ];
    for (const h of ways) {
      const d = authenticate(req(h), local);
      expect(d).toEqual({ ok: true, identity: { kind: 'kubeconfig' }, user: 'local' });
    }
  });

  it('refuses a request without the token, or with another one, as 401', () => {
    expect(authenticate(req({}), local)).toMatchObject({ ok: false, status: 401 });
    const wrong = authenticate(req({ cookie: 'hopscope_token=guess' }), local);
    expect(wrong).toMatchObject({ ok: false, status: 401 });
    expect(wrong.ok ? '' : wrong.message).toMatch(/not this server/);
  });

  it('turns ?token= into a cookie and a redirect to the same URL without it', () => {
    const d = authenticate(
      req(
        {},
        { url: `http://127.0.0.1:3000/diagnose?kind=clusterip&token=${TOKEN}&namespace=shop` },
      ),
      local,
    );
    expect(d).toMatchObject({
      ok: true,
      setCookieAndRedirect: '/diagnose?kind=clusterip&namespace=shop',
    });
    expect(
      authenticate(req({}, { url: 'http://127.0.0.1:3000/?token=nope' }), local),
    ).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a foreign Host (DNS rebinding) even with the right token, unless allowed', () => {
    const rebinding = req({ host: 'attacker.example:3000', cookie: `hopscope_token=${TOKEN}` });
    expect(authenticate(rebinding, local)).toMatchObject({ ok: false, status: 403 });
    const allowed = settings({
      HOPSCOPE_ACCESS_TOKEN: TOKEN,
      HOPSCOPE_ALLOWED_HOSTS: 'attacker.example',
    });
    expect(authenticate(rebinding, allowed)).toMatchObject({ ok: true });
    for (const host of ['localhost:3000', '[::1]:3000', '127.0.0.1'])
      expect(authenticate(req({ host, cookie: `hopscope_token=${TOKEN}` }), local).ok).toBe(true);
  });

  it('refuses a foreign Origin and a cross-site POST', () => {
    const post = { method: 'POST', url: 'http://127.0.0.1:3000/api/diagnoses' };
    const auth = { cookie: `hopscope_token=${TOKEN}` };
    expect(
      authenticate(req({ ...auth, origin: 'http://evil.example' }, post), local),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(authenticate(req({ ...auth, origin: 'null' }, post), local)).toMatchObject({
      ok: false,
    });
    expect(
      authenticate(req({ ...auth, 'sec-fetch-site': 'cross-site' }, post), local),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(authenticate(req({ ...auth, origin: 'http://127.0.0.1:3000' }, post), local).ok).toBe(
      true,
    );
  });

  it('reloads once a link followed from another site (no SameSite=Strict cookie on it)', () => {
    const d = authenticate(
      req({ 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'cross-site' }),
      local,
    );
    expect(d).toMatchObject({ ok: false, reloadSameSite: true });
  });
});

describe('proxy mode', () => {
  const proxy = settings({
    HOPSCOPE_AUTH: 'proxy',
    HOPSCOPE_TRUSTED_PROXIES: '10.0.0.5,192.168.7.0/24',
  });
  const via = (peer: string, seal = SEAL) => ({ [PEER_HEADER]: peer, [PEER_SEAL_HEADER]: seal });

  it('impersonates the user and groups the trusted proxy names', () => {
    const d = authenticate(
      req({
        ...via('192.168.7.20'),
        'x-forwarded-user': 'alice',
        'x-forwarded-groups': 'sre, oncall',
      }),
      proxy,
    );
    expect(d).toEqual({
      ok: true,
      identity: { kind: 'impersonated', user: 'alice', groups: ['sre', 'oncall'] },
      user: 'alice',
    });
    expect(
      authenticate(req({ ...via('::ffff:10.0.0.5'), 'x-forwarded-user': 'bob' }), proxy).ok,
    ).toBe(true);
  });

  it('ignores identity headers from anyone but the proxy, and a peer header it did not seal', () => {
    expect(
      authenticate(req({ ...via('10.0.0.9'), 'x-forwarded-user': 'alice' }), proxy),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(
      authenticate(req({ ...via('10.0.0.5', 'forged'), 'x-forwarded-user': 'alice' }), proxy),
    ).toMatchObject({ ok: false, status: 503 });
    expect(authenticate(req({ 'x-forwarded-user': 'alice' }), proxy)).toMatchObject({ ok: false });
    expect(authenticate(req(via('10.0.0.5')), proxy)).toMatchObject({ ok: false, status: 401 });
  });

  it('needs the proxy addresses configured', () => {
    expect(() => settings({ HOPSCOPE_AUTH: 'proxy' })).toThrow(/HOPSCOPE_TRUSTED_PROXIES/);
    expect(() => settings({ HOPSCOPE_AUTH: 'open' })).toThrow(/local, proxy or token/);
  });
});

describe('token pass-through', () => {
  const token = settings({ HOPSCOPE_AUTH: 'token' });

  it("carries the caller's bearer token, and names the caller without it", () => {
    const d = authenticate(req({ authorization: 'Bearer eyJhbGciOi.user-token.sig' }), token);
    expect(d).toMatchObject({
      ok: true,
      identity: { kind: 'bearer', token: 'eyJhbGciOi.user-token.sig' },
    });
    expect(d.ok && d.user).not.toContain('user-token');
    expect(authenticate(req({}), token)).toMatchObject({ ok: false, status: 401 });
  });
});
