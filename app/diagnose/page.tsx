// The diagnosis page. Its URL holds the whole path: it is the live link. It streams: the shell
// and six waiting panels at once; the topology as soon as the Kubernetes API has answered (metric
// hops `unknown` until Prometheus has); then each step panel as its own queries answer, each with
// its own Suspense and error boundary. Re-runs go through the JSON API from the browser.
import Link from 'next/link';
import { Suspense } from 'react';
import type { StepId } from '@/lib/model/hops';
import type { AccessPath } from '@/lib/model/path';
import type { Snapshot } from '@/lib/model/snapshot';
import { queryToPath } from '@/lib/client/live-link';
import {
  diagnoseSnapshot,
  diagnoseStep,
  gatherKubernetes,
  metricsByStep,
  targetIsAbsent,
  type KubernetesWave,
} from '@/lib/server/run-diagnosis';
import { RequestError } from '@/lib/server/errors';
import { callerFrom } from '@/lib/server/auth/caller';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { prometheusLink } from '@/lib/server/prometheus-link';
import { DiagnosisOverview } from '@/components/diagnosis-overview';
import { DiagnosisPanels } from '@/components/diagnosis-panels';
import { DiagnosisSkeleton, StepSkeleton } from '@/components/diagnosis-skeleton';
import { DiagnosisView } from '@/components/diagnosis-view';
import { QueryProvider } from '@/components/query-provider';
import { StepPanel } from '@/components/step-panel';

export const dynamic = 'force-dynamic';

function Problem({ message }: { message: string }) {
  return (
    <>
      <h1>Hopscope</h1>
      <p role="alert">{message}</p>
      <Link href="/">Pick a path</Link>
    </>
  );
}

async function Overview({ all, now }: { all: Promise<Snapshot>; now: Date }) {
  return <DiagnosisOverview d={diagnoseSnapshot(await all, now)} />;
}

async function StepWave({
  id,
  snapshot,
  now,
}: {
  id: StepId;
  snapshot: Promise<Snapshot>;
  now: Date;
}) {
  return (
    <StepPanel step={diagnoseStep(await snapshot, now, id)} prometheusUrl={prometheusLink()} />
  );
}

async function Streamed({
  path,
  wave,
}: {
  path: AccessPath;
  wave: Promise<KubernetesWave | { problem: string }>;
}) {
  const first = await wave;
  if ('problem' in first) return <Problem message={first.problem} />;
  const { steps, all } = metricsByStep(first);
  return (
    <QueryProvider>
      <DiagnosisView path={path} cluster={first.snapshot.cluster} prometheusUrl={prometheusLink()}>
        <DiagnosisPanels
          overview={
            <Suspense
              fallback={
                <DiagnosisOverview
                  d={diagnoseSnapshot(first.snapshot, first.now, first.metrics !== null)}
                />
              }
            >
              <Overview all={all} now={first.now} />
            </Suspense>
          }
          step={(id) => (
            <Suspense fallback={<StepSkeleton id={id} />}>
              <StepWave id={id} snapshot={steps[id]} now={first.now} />
            </Suspense>
          )}
        />
      </DiagnosisView>
    </QueryProvider>
  );
}

export default async function DiagnosePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = queryToPath(await searchParams);
  if (!parsed.ok)
    return (
      <main>
        <Problem message={`This link does not describe a path: ${parsed.errors.join('; ')}`} />
      </main>
    );
  const caller = callerFrom(await headers(), 'GET');
  // A link to a Service or Ingress that does not exist answers 404, before anything streams.
  if (await targetIsAbsent(parsed.path, caller)) notFound();
  const wave = Promise.resolve()
    .then(() => gatherKubernetes(parsed.path, caller))
    .catch((error: unknown) => {
      if (error instanceof RequestError) return { problem: error.message };
      throw error;
    });
  return (
    <main>
      <Suspense fallback={<DiagnosisSkeleton path={parsed.path} />}>
        <Streamed path={parsed.path} wave={wave} />
      </Suspense>
    </main>
  );
}
