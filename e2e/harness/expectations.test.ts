import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { compareExpectation } from './expectations';

const diagnosis = {
  hops: [
    { kind: 'service', verdict: 'fail', members: [], counts: {} },
    {
      kind: 'node',
      verdict: 'warn',
      members: [{ id: 'worker-1', verdict: 'fail', carriesTraffic: false }],
      counts: {},
    },
  ],
  findings: [{ code: 'SVC_SELECTOR_NO_MATCH', title: 'selector matches nothing', evidence: [] }],
  steps: [],
  summary: { hop: 'service', verdict: 'fail', sentence: 'Fails at Service' },
} as unknown as Diagnosis;

const base = {
  path: {},
  hops: {},
  findings: [],
  absent: [],
  summaryIncludes: [],
  summaryExcludes: [],
};

describe('compareExpectation', () => {
  it('passes what the diagnosis says and fails what it does not', () => {
    const results = compareExpectation(
      {
        ...base,
        hops: { service: 'fail', node: 'ok', 'node/worker-1': 'fail' },
        findings: ['SVC_SELECTOR_NO_MATCH'],
        absent: ['NODE_NOT_READY'],
        summaryHop: 'service',
      },
      diagnosis,
    );
    expect(results.map((r) => [r.label, r.pass])).toEqual([
      ['hop service is fail', true],
      ['hop node is ok', false],
      ['hop node/worker-1 is fail', true],
      ['finding SVC_SELECTOR_NO_MATCH present', true],
      ['finding NODE_NOT_READY absent', true],
      ['summary names service', true],
      // Its findings and summary carry English only: nothing a Chinese reader could read.
      ['every word of the diagnosis has its Chinese', false],
    ]);
  });
  it('treats a hop the path lacks, a bad member and unknown codes as errors', () => {
    const results = compareExpectation(
      {
        ...base,
        hops: { 'dns-cluster': 'ok', 'node/worker-9': 'ok', bogus: 'ok' },
        findings: ['NOT_A_CODE'],
        absent: ['ALSO_NOT'],
      },
      diagnosis,
    );
    expect(results.every((r) => !r.pass)).toBe(true);
    expect(results[0]?.detail).toMatch(/no dns-cluster hop/);
    expect(results[1]?.detail).toMatch(/no member worker-9/);
    expect(results[3]?.detail).toMatch(/not a finding code/);
  });

  it('checks the words of the answer sentence, both ways', () => {
    const results = compareExpectation(
      { ...base, summaryIncludes: ['Fails at', 'PLEG'], summaryExcludes: ['Service', 'because'] },
      diagnosis,
    );
    expect(
      results.filter((r) => r.label.startsWith('summary')).map((r) => [r.label, r.pass]),
    ).toStrictEqual([
      ['summary says "Fails at"', true],
      ['summary says "PLEG"', false],
      ['summary does not say "Service"', false],
      ['summary does not say "because"', true],
    ]);
  });
});
