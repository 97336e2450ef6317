import { describe, expect, it } from 'vitest';
import { isCapabilityRoute } from './capability-routes';
import { embedFrameAncestors } from './csp';

const ID = 'Ab3_-Ab3_-Ab3_-Ab3_-Ab';

describe('routes whose URL is the credential', () => {
  it('are the reads of a frozen diagnosis and its deletion', () => {
    for (const p of [
      `/d/${ID}`,
      `/embed/d/${ID}/summary`,
      `/embed/d/${ID}/step-4`,
      `/badge/d/${ID}.svg`,
      `/badge/d/${ID}/step-2.json`,
      `/api/diagnoses/${ID}`,
    ])
      expect(isCapabilityRoute('GET', p), p).toBe(true);
    expect(isCapabilityRoute('DELETE', `/api/diagnoses/${ID}`)).toBe(true);
  });

  it('are nothing else: not live pages, not writes, not short ids', () => {
    for (const [m, p] of [
      ['GET', '/diagnose'],
      ['GET', '/embed/live/summary'],
      ['POST', '/api/diagnoses'],
      ['POST', '/api/shares'],
      ['POST', `/api/diagnoses/${ID}`],
      ['GET', '/d/short'],
      ['GET', `/embed/d/${ID}/step-7`],
      ['GET', `/d/${ID}/../../diagnose`],
    ] as const)
      expect(isCapabilityRoute(m, p), `${m} ${p}`).toBe(false);
  });
});

describe('embed framing', () => {
  it("is 'none' unless origins are listed", () => {
    expect(embedFrameAncestors({})).toBe("'none'");
    expect(
      embedFrameAncestors({
        HOPSCOPE_EMBED_ORIGINS: 'https://wiki.example.com, https://*.corp.example:8443',
      }),
    ).toBe('https://wiki.example.com https://*.corp.example:8443');
  });

  it('refuses anything that is not an origin rather than widen the policy', () => {
    for (const bad of ['*', "'self' https://a.example", 'https://a.example/path', 'javascript:x'])
      expect(() => embedFrameAncestors({ HOPSCOPE_EMBED_ORIGINS: bad }), bad).toThrow(
        /not an origin/,
      );
  });
});
