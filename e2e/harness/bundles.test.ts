// The demo's built-in bundles (e2e/bundles, captured from the scenarios by
// `npm run scenario -- --capture e2e/bundles`) are real bundles and still say what the scenarios
// expect: each is read as an upload would be, judged again by today's checks, and compared with
// its scenario's expect.yaml. A check that changes its verdicts makes this fail until the bundles
// are captured again.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_BUNDLE_BYTES, parseBundle, rejudge } from '@/lib/server/bundles';
import { RequestError } from '@/lib/server/errors';
import { compareExpectation } from './expectations';
import { readScenario } from './scenario';
import { repoRoot } from './test-env';

const dir = path.join(repoRoot, 'e2e/bundles');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.hopscope.json.gz'))
  .sort();

describe('built-in bundles', () => {
  it('cover the mission’s incidents', () => {
    for (const name of [
      'healthy',
      'node-pleg-notready',
      'restart-storm-dup-ip',
      'app-hang-stdout-blocked',
    ])
      expect(
        files.some((f) => f.startsWith(`${name}--`)),
        name,
      ).toBe(true);
  });

  for (const file of files)
    it(`${file} still says what its scenario expects`, () => {
      const [, scenarioName, n] = /^(.+)--(\d+)\.hopscope\.json\.gz$/.exec(file)!;
      const bundle = parseBundle(readFileSync(path.join(dir, file)));
      const scenario = readScenario(path.join(repoRoot, 'e2e/scenarios', scenarioName!));
      const want = scenario.expectations[Number(n) - 1]!;
      const { diagnosis } = rejudge(bundle);
      const failed = compareExpectation(want, diagnosis).filter((a) => !a.pass);
      expect(failed).toEqual([]);
      // Today's summary also carries its sentence as a message; the words are the same.
      expect(diagnosis.summary).toMatchObject(bundle.diagnosis.summary);
    });
});

describe('a bundle that is not one', () => {
  const good = readFileSync(path.join(dir, files[0]!));
  const refusal = (bytes: Buffer): string => {
    try {
      parseBundle(bytes);
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(RequestError);
      const e = error as RequestError;
      return `${e.status} ${e.message} ${e.details.join('; ')}`;
    }
  };

  it('is refused with what is wrong: not JSON, damaged gzip, wrong schema, a field missing', () => {
    expect(refusal(Buffer.from('hello'))).toMatch(/^400 .*not JSON/);
    expect(refusal(good.subarray(0, good.length / 2))).toMatch(/^400 .*gzip data is damaged/);
    expect(refusal(Buffer.from(JSON.stringify({ schema: 'other/v9' })))).toMatch(
      /^400 .*version this server reads.*schema/,
    );
    const record = structuredClone(parseBundle(good)) as unknown as {
      diagnosis: { hops: unknown };
    };
    record.diagnosis.hops = 'none';
    expect(refusal(Buffer.from(JSON.stringify(record)))).toMatch(/diagnosis\.hops/);
  });

  it('is refused when too large, sent or unzipped (a gzip bomb)', () => {
    expect(refusal(Buffer.alloc(MAX_BUNDLE_BYTES + 1, 32))).toMatch(/^413 /);
    const bomb = gzipSync(Buffer.alloc(MAX_BUNDLE_BYTES * 2, 32));
    expect(bomb.length).toBeLessThan(MAX_BUNDLE_BYTES);
    expect(refusal(bomb)).toMatch(/^400 .*unzips to more than/);
  });

  it('is refused when shaped to make the checks work without end (an over-long list)', () => {
    const record = structuredClone(parseBundle(good)) as unknown as {
      snapshot: { backend: { endpointSlices: { value: { endpoints: unknown[] }[] } } };
    };
    const slice = record.snapshot.backend.endpointSlices.value[0]!;
    slice.endpoints = Array.from({ length: 6_000 }, () => slice.endpoints[0]);
    const bytes = Buffer.from(JSON.stringify(record));
    expect(() => rejudge(parseBundle(bytes))).toThrow(/lists 6000 items \(at most 5000\)/);
  });
});
