// Loads one scenario into the real test cluster and Prometheus, checks it loaded (objects read
// back, series queryable), then diagnoses each expected path through the public API.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { Snapshot } from '@/lib/model/snapshot';
import { frozenRecord } from '@/lib/server/store/frozen-record';
import { compareExpectation, type AssertionResult } from './expectations';
import { authHeaders } from './app-server';
import { kubectl } from './kubectl';
import { loadCluster } from './load-cluster';
import { loadMetrics, missingSeries } from './load-metrics';
import { readScenario, type KubeObject, type Scenario } from './scenario';
import { testEnv } from './test-env';

export interface ExpectationReport {
  title: string;
  assertions: AssertionResult[];
  pass: boolean;
  sentence?: string;
}
export interface ScenarioReport {
  name: string;
  loaded: AssertionResult[];
  expectations: ExpectationReport[];
}

async function readBack(objects: KubeObject[]): Promise<AssertionResult> {
  const missing: string[] = [];
  for (const o of objects) {
    const args = [
      'get',
      o.kind.toLowerCase() + (o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : ''),
      o.metadata.name,
      '-o',
      'name',
    ];
    if (o.metadata.namespace) args.push('-n', o.metadata.namespace);
    await kubectl(args).catch(() => missing.push(`${o.kind}/${o.metadata.name}`));
  }
  return {
    label: `${objects.length} objects readable back`,
    pass: missing.length === 0,
    detail: missing.length ? `missing: ${missing.join(', ')}` : 'all present',
  };
}

async function prometheusIsDown(): Promise<boolean> {
  try {
    await fetch(`${testEnv.prometheusUrl}/-/ready`, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

export async function diagnoseViaApi(baseUrl: string, path: unknown): Promise<Diagnosis> {
  return (await diagnoseWithSnapshot(baseUrl, path)).diagnosis;
}

async function diagnoseWithSnapshot(
  baseUrl: string,
  path: unknown,
): Promise<{ diagnosis: Diagnosis; snapshot: Snapshot }> {
  const res = await fetch(`${baseUrl}/api/diagnoses?include=snapshot`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders() },
    body: JSON.stringify(path),
  });
  const body = (await res.json()) as { diagnosis?: Diagnosis; snapshot?: Snapshot; error?: string };
  if (!res.ok || !body.diagnosis || !body.snapshot)
    throw new Error(`POST /api/diagnoses answered ${res.status}: ${body.error ?? 'no diagnosis'}`);
  return { diagnosis: body.diagnosis, snapshot: body.snapshot };
}

/** The bundle of one scenario path, as `npm run capture` writes it, for the demo and its test. */
function writeBundle(
  dir: string,
  name: string,
  seen: { diagnosis: Diagnosis; snapshot: Snapshot },
) {
  const now = new Date();
  const prometheus = new URL(testEnv.prometheusUrl);
  const record = frozenRecord(
    seen,
    {
      id: randomBytes(16).toString('base64url'),
      by: 'hopscope test cluster',
      frozenAt: now,
      expiresAt: new Date(now.getTime() + 30 * 86_400_000),
    },
    [testEnv.prometheusUrl, prometheus.host],
  );
  writeFileSync(
    path.join(dir, `${name}.hopscope.json.gz`),
    gzipSync(Buffer.from(JSON.stringify(record)), { level: 9 }),
  );
}

/**
 * The app runs as the least-privilege reader (e2e/harness/reader.ts): a read its roles refuse is
 * a read the shipped ClusterRole lacks. Scenarios never deny Hopscope anything on purpose.
 */
function everyReadAllowed(diagnosis: Diagnosis): AssertionResult {
  const refused = [
    ...new Set(
      diagnosis.findings.flatMap((f) =>
        f.evidence.flatMap((e) =>
          e.kind === 'source' && (e.issue.kind === 'forbidden' || e.issue.kind === 'unauthorized')
            ? [e.issue.what]
            : [],
        ),
      ),
    ),
  ];
  return {
    label: 'every read allowed by the shipped hopscope-reader roles',
    pass: refused.length === 0,
    detail: refused.length ? `refused: ${refused.join('; ')}` : 'none refused',
  };
}

/** `captureDir`: also write each path's diagnosis there as a bundle (`<scenario>--<n>`). */
export async function runScenario(
  dir: string,
  baseUrl: string,
  captureDir?: string,
): Promise<ScenarioReport> {
  const now = new Date();
  const scenario: Scenario = readScenario(dir, now);
  await loadCluster(scenario);
  await loadMetrics(scenario.metrics, now);
  const absentSeries = await missingSeries(scenario.metrics);
  const loaded = [
    await readBack(scenario.objects),
    scenario.metrics?.prometheus === 'down'
      ? {
          label: 'Prometheus stopped as the scenario says',
          pass: await prometheusIsDown(),
          detail: 'its port refuses connections',
        }
      : {
          label: `${scenario.metrics?.input_series.length ?? 0} series queryable`,
          pass: absentSeries.length === 0,
          detail: absentSeries.length ? `not returned: ${absentSeries.join(', ')}` : 'all returned',
        },
  ];
  const expectations: ExpectationReport[] = [];
  for (const [i, expect] of scenario.expectations.entries()) {
    const title = `${scenario.name}#${i + 1} ${String(expect.path.kind)}`;
    try {
      const seen = await diagnoseWithSnapshot(baseUrl, expect.path);
      const diagnosis = seen.diagnosis;
      if (captureDir) writeBundle(captureDir, `${scenario.name}--${i + 1}`, seen);
      const assertions = [...compareExpectation(expect, diagnosis), everyReadAllowed(diagnosis)];
      expectations.push({
        title,
        assertions,
        pass: assertions.every((a) => a.pass),
        sentence: diagnosis.summary.sentence,
      });
    } catch (error) {
      expectations.push({
        title,
        assertions: [{ label: 'diagnosis answered', pass: false, detail: String(error) }],
        pass: false,
      });
    }
  }
  return { name: scenario.name, loaded, expectations };
}
