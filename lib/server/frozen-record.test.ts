// What goes into a frozen record: the diagnosis and its snapshot whole, the window absolute, and
// no secret value the server holds — even when a source error quoted one.
import { describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/checks/diagnose';
import { frozenDiagnosisSchema } from '@/lib/model/frozen-schema';
import type { Snapshot } from '@/lib/model/snapshot';
import { NOW, clusterIpSnapshot, withMetrics } from '@/lib/testing/snapshot-fixtures';
import { frozenRecord } from './frozen-diagnoses';

const PROM = 'https://prometheus.internal.example:9091';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.caller-token';
const HEADER = 'Basic dXNlcjpzM2NyZXQ=';

function leakySnapshot(): Snapshot {
  const s = withMetrics(clusterIpSnapshot());
  // A Prometheus error that quoted its address and the caller's token, as some proxies do.
  s.metrics!.results['backend.requests'] = {
    issue: {
      source: 'prometheus',
      kind: 'unreachable',
      what: 'query request rate',
      message: `GET ${PROM}/api/v1/query_range failed (Authorization: Bearer ${TOKEN}; ${HEADER})`,
    },
  };
  return s;
}

const meta = {
  id: 'Q2hhbmdlZC1ieS1vbmUtYQ',
  by: 'alice',
  frozenAt: NOW,
  expiresAt: new Date(NOW.getTime() + 30 * 86_400_000),
};

describe('a frozen record', () => {
  const snapshot = leakySnapshot();
  const diagnosis = diagnose(snapshot, NOW);
  const record = frozenRecord({ diagnosis, snapshot }, meta, [
    PROM,
    'prometheus.internal.example:9091',
    TOKEN,
    HEADER,
  ]);
  const text = JSON.stringify(record);

  it('holds no secret value: not the Prometheus address, not a token, not a header', () => {
    for (const secret of [PROM, 'prometheus.internal.example', TOKEN, 'dXNlcjpzM2NyZXQ='])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]/api/v1/query_range');
  });

  it('pins the window and keeps the verdicts, and matches the published schema', () => {
    expect(record.path.window.end).toBe(diagnosis.takenAt);
    expect(Date.parse(record.window.to) - Date.parse(record.window.from)).toBe(
      record.path.window.minutes * 60_000,
    );
    expect(record.diagnosis.summary).toEqual(diagnosis.summary);
    expect(record.by).toBe('alice');
    const checked = frozenDiagnosisSchema.safeParse(JSON.parse(text));
    expect(checked.success ? [] : checked.error.issues).toEqual([]);
  });

  it('keeps the messages that let a reader see it in another language, and refuses broken ones', () => {
    const parsed = frozenDiagnosisSchema.parse(JSON.parse(text));
    expect(parsed.diagnosis.summary.message).toEqual(diagnosis.summary.message);
    expect(diagnosis.summary.message?.key).toBeTruthy();
    const broken = JSON.parse(text);
    broken.diagnosis.summary.message = { key: 'x', args: [{ key: 3 }] };
    expect(frozenDiagnosisSchema.safeParse(broken).success).toBe(false);
    const deep = JSON.parse(text);
    let m: unknown = { key: 'end', args: [] };
    for (let i = 0; i < 20; i++) m = { key: '({0})', args: [m] };
    deep.diagnosis.summary.message = m;
    expect(frozenDiagnosisSchema.safeParse(deep).success).toBe(false);
    // A template that names one value many times would render far more than it holds.
    const wide = JSON.parse(text);
    wide.diagnosis.summary.message = { key: '{0}{0}{0}', args: ['x'] };
    expect(frozenDiagnosisSchema.safeParse(wide).success).toBe(false);
    const absent = JSON.parse(text);
    absent.diagnosis.summary.message = { key: '{1}', args: ['x'] };
    expect(frozenDiagnosisSchema.safeParse(absent).success).toBe(false);
    const chart = JSON.parse(text);
    chart.diagnosis.changes = [{ message: { key: 7 } }];
    expect(frozenDiagnosisSchema.safeParse(chart).success).toBe(false);
  });

  it('the same checks on its snapshot give the same answer (it can be judged again)', () => {
    expect(diagnose(record.snapshot, NOW).summary).toEqual(record.diagnosis.summary);
  });
});

describe('the secret values the server knows', () => {
  it('are the Prometheus address and credential headers, not routing ones like a tenant name', async () => {
    const { secretValues } = await import('./frozen-diagnoses');
    const saved = { ...process.env };
    process.env.HOPSCOPE_PROMETHEUS_URL = PROM;
    process.env.HOPSCOPE_PROMETHEUS_HEADERS = JSON.stringify({
      'X-Scope-OrgID': 'team-a',
      Authorization: HEADER,
    });
    process.env.HOPSCOPE_KUBECONFIG = '/nonexistent/kubeconfig';
    try {
      const secrets = secretValues('prod', {
        identity: { kind: 'bearer', token: TOKEN },
        user: 'x',
      });
      expect(secrets).toEqual(expect.arrayContaining([PROM, HEADER, TOKEN]));
      expect(secrets).not.toContain('team-a');
    } finally {
      process.env = saved;
    }
  });
});
