// Captures a bundle — a frozen diagnosis as a file — from a cluster, without a server:
//   npm run capture -- 'kind=clusterip&namespace=shop&service=web&port=80' [--out file] [--gzip]
// The path is written as in a live link's query (see the dashboard's URL). Reads the cluster with
// HOPSCOPE_KUBECONFIG (or KUBECONFIG, or ~/.kube/config) and Prometheus at HOPSCOPE_PROMETHEUS_URL,
// as the server does. Secrets (the Prometheus address and headers, credentials) are removed.
// Load the file into any Hopscope: "Open a bundle" on its first page, or HOPSCOPE_BUNDLES_DIR.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { queryToPath } from '@/lib/client/query-to-path';
import { frozenRecord, retentionMs, secretValues } from '@/lib/server/frozen-diagnoses';
import { runDiagnosis } from '@/lib/server/run-diagnosis';
import type { Caller } from '@/lib/server/auth/caller';
import { pathTarget } from '@/lib/model/path-text';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    gzip: { type: 'boolean', default: false },
    by: { type: 'string', default: process.env.USER },
  },
});
const query = positionals[0];
if (!query) {
  console.error(
    "usage: npm run capture -- 'kind=clusterip&namespace=shop&service=web' [--out f] [--gzip]",
  );
  process.exit(2);
}
const parsed = queryToPath(Object.fromEntries(new URLSearchParams(query.replace(/^.*\?/, ''))));
if (!parsed.ok) {
  console.error(`not a path: ${parsed.errors.join('; ')}`);
  process.exit(2);
}
const caller: Caller = { identity: { kind: 'kubeconfig' }, user: values.by ?? 'capture' };
const seen = await runDiagnosis(parsed.path, caller);
const now = new Date();
const record = frozenRecord(
  seen,
  {
    id: randomBytes(16).toString('base64url'),
    by: values.by,
    frozenAt: now,
    expiresAt: new Date(now.getTime() + retentionMs()),
  },
  secretValues(seen.diagnosis.cluster, caller),
);
const json = Buffer.from(JSON.stringify(record));
const p = parsed.path;
const out =
  values.out ?? `${p.namespace}-${pathTarget(p)}.hopscope.json${values.gzip ? '.gz' : ''}`;
writeFileSync(out, values.gzip || out.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json);
const s = seen.diagnosis.summary;
console.log(`${out}: ${s.verdict} — ${s.sentence}`);
