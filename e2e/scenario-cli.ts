// npm run scenario -- [scenario-dir …] [--json report.json] [--capture dir]
// Loads each scenario (all of e2e/scenarios when none is named) into the real test cluster and
// Prometheus, diagnoses its paths through the public API and prints every expectation.
// `--capture dir` also writes each path's diagnosis as a bundle there (the demo's e2e/bundles).
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startAppServer } from './harness/app-server';
import { ensureCluster } from './harness/ensure-cluster';
import { runScenario } from './harness/run-scenario';
import { repoRoot } from './harness/test-env';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const captureAt = args.indexOf('--capture');
const captureDir = captureAt >= 0 ? args[captureAt + 1] : undefined;
const named = args.filter(
  (a, i) =>
    !a.startsWith('--') &&
    !(jsonAt >= 0 && i === jsonAt + 1) &&
    !(captureAt >= 0 && i === captureAt + 1),
);
const scenariosRoot = path.join(repoRoot, 'e2e/scenarios');
const dirs =
  named.length > 0
    ? named
    : readdirSync(scenariosRoot)
        .map((d) => path.join(scenariosRoot, d))
        .filter((d) => statSync(d).isDirectory())
        .sort();

ensureCluster();
const server = await startAppServer();
let passed = 0;
let failed = 0;
const started = Date.now();
try {
  for (const dir of dirs) {
    const t0 = Date.now();
    let report;
    try {
      report = await runScenario(dir, server.url, captureDir);
    } catch (error) {
      console.log(
        `FAIL ${path.basename(dir)}: could not load: ${error instanceof Error ? error.message : String(error)}`,
      );
      failed += 1;
      continue;
    }
    for (const l of report.loaded)
      console.log(`  ${l.pass ? 'pass' : 'FAIL'}  ${report.name}: ${l.label} — ${l.detail}`);
    const loadOk = report.loaded.every((l) => l.pass);
    if (!loadOk) failed += 1;
    for (const e of report.expectations) {
      console.log(
        `${e.pass && loadOk ? 'PASS' : 'FAIL'} ${e.title}${e.sentence ? `  →  ${e.sentence}` : ''}`,
      );
      for (const a of e.assertions)
        console.log(`  ${a.pass ? 'pass' : 'FAIL'}  ${a.label} — ${a.detail}`);
      if (e.pass && loadOk) passed += 1;
      else failed += 1;
    }
    console.log(`  (${report.name}: ${Date.now() - t0} ms)`);
  }
} finally {
  server.stop();
}
console.log(
  `scenarios: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ passed, failed }));
process.exit(failed > 0 ? 1 : 0);
