// The diagnosis page. Its URL holds the whole path: it is the live link. It streams in waves:
// the shell with six waiting panels at once; the Kubernetes evidence as soon as the API server
// has answered (Prometheus still loading); then the full diagnosis. Re-runs go through the JSON
// API from the browser.
import Link from 'next/link';
import { Suspense } from 'react';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { AccessPath } from '@/lib/model/path';
import { queryToPath } from '@/lib/paths';
import { diagnoseSnapshot, gatherKubernetes, type KubernetesWave } from '@/lib/server/run-diagnosis';
import { RequestError } from '@/lib/server/errors';
import { DiagnosisSkeleton } from '@/components/diagnosis-skeleton';
import { DiagnosisView } from '@/components/diagnosis-view';
import { QueryProvider } from '@/components/query-provider';

export const dynamic = 'force-dynamic';

/** The Prometheus UI to link charts to (HOPSCOPE_PROMETHEUS_LINK_URL, when users can reach it). */
function prometheusLink(): string | undefined {
  return process.env.HOPSCOPE_PROMETHEUS_LINK_URL ?? process.env.HOPSCOPE_PROMETHEUS_URL;
}

function Problem({ message }: { message: string }) {
  return <><h1>Hopscope</h1><p role="alert">{message}</p><Link href="/">Pick a path</Link></>;
}

function View({ path, diagnosis }: { path: AccessPath; diagnosis: Diagnosis }) {
  return (
    <QueryProvider>
      <DiagnosisView path={path} initial={diagnosis} prometheusUrl={prometheusLink()} />
    </QueryProvider>
  );
}

async function MetricsWave({ path, wave }: { path: AccessPath; wave: KubernetesWave }) {
  const snapshot = await wave.metrics!();
  return <View path={path} diagnosis={diagnoseSnapshot(snapshot, wave.now)} />;
}

async function KubernetesWaveView({ path, wave }: { path: AccessPath; wave: Promise<KubernetesWave | { problem: string }> }) {
  const first = await wave;
  if ('problem' in first) return <Problem message={first.problem} />;
  if (!first.metrics) return <View path={path} diagnosis={diagnoseSnapshot(first.snapshot, first.now)} />;
  return (
    <Suspense fallback={<View path={path} diagnosis={diagnoseSnapshot(first.snapshot, first.now, true)} />}>
      <MetricsWave path={path} wave={first} />
    </Suspense>
  );
}

export default async function DiagnosePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = queryToPath(await searchParams);
  if (!parsed.ok) return <main><Problem message={`This link does not describe a path: ${parsed.errors.join('; ')}`} /></main>;
  const wave = gatherKubernetes(parsed.path).catch((error: unknown) => {
    if (error instanceof RequestError) return { problem: error.message };
    throw error;
  });
  return (
    <main>
      <Suspense fallback={<DiagnosisSkeleton path={parsed.path} />}>
        <KubernetesWaveView path={parsed.path} wave={wave} />
      </Suspense>
    </main>
  );
}
