// Reads a scenario directory per ../shared/SCENARIOS.md: cluster.yaml, optional metrics.yaml
// and probes.yaml, and expect.yaml. Relative times in cluster.yaml (`${now}`, `${now-6m}`)
// are fixed at load time so a scenario reads back as a cluster would at that moment.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import type { InputSeries } from './openmetrics';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  status?: unknown;
  [k: string]: unknown;
}

export interface ScenarioMetrics {
  interval: string;
  input_series: InputSeries[];
  /** `down`: Prometheus is stopped once the series are loaded (the source is unreachable). */
  prometheus?: 'up' | 'down';
}

export interface ScenarioExpectation {
  path: Record<string, unknown>;
  hops: Record<string, string>;
  findings: string[];
  absent: string[];
  summaryHop?: string;
  /** Words the answer sentence must hold (the decisive fact), and must not (a false "because"). */
  summaryIncludes: string[];
  summaryExcludes: string[];
  /** What the path trace on the test bed's real data plane must find (e2e/integration/path-trace.test.ts). */
  trace?: TraceExpectation;
}

/**
 * `tiers`: per probe tier, "answered/tries" for each of its targets (`some/20` is more than none
 * and fewer than all); a list when the tier has several targets, in any order.
 */
export interface TraceExpectation {
  tiers: Record<string, string | string[]>;
  findings: string[];
  absent: string[];
  /** The hop the trace's first failing finding is about. */
  summaryHop?: string;
}

export interface Scenario {
  name: string;
  dir: string;
  objects: KubeObject[];
  metrics?: ScenarioMetrics;
  probes?: unknown;
  /** logs.log: container log lines (CRI format) that kwok serves as every container's log. */
  containerLogs?: string;
  /** One expectation per path; expect.yaml may hold several YAML documents. */
  expectations: ScenarioExpectation[];
}

const UNITS_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `${now-6m}` becomes an RFC 3339 time, `${unix-6m}` Unix seconds (for gauges that hold a time). */
export function resolveRelativeTimes(text: string, now: Date): string {
  return text.replace(
    /\$\{(now|unix)(?:([-+])(\d+)([smhd]))?\}/g,
    (_all, form: string, sign?: string, amount?: string, unit?: keyof typeof UNITS_MS) => {
      const offset =
        sign && amount && unit ? Number(amount) * UNITS_MS[unit] * (sign === '-' ? -1 : 1) : 0;
      const seconds = Math.floor((now.getTime() + offset) / 1000);
      return form === 'unix'
        ? String(seconds)
        : new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    },
  );
}

/**
 * `${kubeletPort}` is the port the test cluster's kwok serves kubelet APIs (pods/log) on: a
 * scenario that reads logs names it instead of a number, so it runs on any cluster's ports.
 */
export function resolveClusterPorts(text: string): string {
  return text.replaceAll('${kubeletPort}', process.env.KWOK_PORT ?? '26080');
}

function readYaml(file: string, now?: Date): unknown {
  const text = resolveClusterPorts(readFileSync(file, 'utf8'));
  return parse(now ? resolveRelativeTimes(text, now) : text);
}

export function readScenario(dir: string, now = new Date()): Scenario {
  const abs = path.resolve(dir);
  const clusterFile = path.join(abs, 'cluster.yaml');
  const expectFile = path.join(abs, 'expect.yaml');
  if (!existsSync(clusterFile)) throw new Error(`${abs}: no cluster.yaml`);
  if (!existsSync(expectFile)) throw new Error(`${abs}: no expect.yaml`);

  const docs = parseAllDocuments(
    resolveRelativeTimes(resolveClusterPorts(readFileSync(clusterFile, 'utf8')), now),
  );
  const objects: KubeObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${clusterFile}: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as KubeObject | null;
    if (!value) continue;
    if (!value.apiVersion || !value.kind || !value.metadata?.name) {
      throw new Error(`${clusterFile}: every document needs apiVersion, kind and metadata.name`);
    }
    objects.push(value);
  }

  const expectations = parseAllDocuments(readFileSync(expectFile, 'utf8'))
    .map((doc) => doc.toJS() as Partial<ScenarioExpectation> | null)
    .filter((doc): doc is Partial<ScenarioExpectation> => doc !== null)
    .map((raw, i): ScenarioExpectation => {
      if (!raw.path) throw new Error(`${expectFile}: document ${i + 1} needs a path`);
      return {
        path: raw.path,
        hops: raw.hops ?? {},
        findings: raw.findings ?? [],
        absent: raw.absent ?? [],
        summaryHop: raw.summaryHop,
        summaryIncludes: raw.summaryIncludes ?? [],
        summaryExcludes: raw.summaryExcludes ?? [],
        ...(raw.trace
          ? {
              trace: {
                tiers: raw.trace.tiers ?? {},
                findings: raw.trace.findings ?? [],
                absent: raw.trace.absent ?? [],
                summaryHop: raw.trace.summaryHop,
              },
            }
          : {}),
      };
    });
  if (expectations.length === 0) throw new Error(`${expectFile}: no expectation`);
  const metricsFile = path.join(abs, 'metrics.yaml');
  const probesFile = path.join(abs, 'probes.yaml');
  return {
    name: path.basename(abs),
    dir: abs,
    objects,
    metrics: existsSync(metricsFile) ? (readYaml(metricsFile, now) as ScenarioMetrics) : undefined,
    probes: existsSync(probesFile) ? readYaml(probesFile) : undefined,
    containerLogs: existsSync(path.join(abs, 'logs.log'))
      ? resolveRelativeTimes(readFileSync(path.join(abs, 'logs.log'), 'utf8'), now)
      : undefined,
    expectations,
  };
}
