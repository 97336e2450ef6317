import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, secretsIn } from './redact';

describe('redactSecrets', () => {
  const secrets = ['http://prometheus.monitoring:9090', 'prometheus.monitoring:9090', 'tok-123456'];

  it('scrubs every string, nested and in keys, the longest secret first', () => {
    const out = redactSecrets(
      {
        issue: { message: 'GET http://prometheus.monitoring:9090/api/v1/query: timeout' },
        list: ['Bearer tok-123456', 7, null],
        ['tok-123456']: true,
      },
      secrets,
    );
    expect(out).toEqual({
      issue: { message: `GET ${REDACTED}/api/v1/query: timeout` },
      list: [`Bearer ${REDACTED}`, 7, null],
      [REDACTED]: true,
    });
    expect(secretsIn(JSON.stringify(out), secrets)).toEqual([]);
  });

  it('leaves evidence alone when a "secret" is too short to be one', () => {
    expect(redactSecrets({ v: 'team-a ok' }, ['ok'])).toEqual({ v: 'team-a ok' });
  });

  it('finds what survived', () => {
    expect(secretsIn('x tok-123456 y', secrets)).toEqual(['tok-123456']);
  });
});
