// The diagnosis page. Its URL holds the whole path: it is the live link. The shell and six
// waiting panels stream at once; the diagnosis follows when it is gathered. Re-runs go through
// the JSON API from the browser.
import Link from 'next/link';
import { Suspense } from 'react';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { AccessPath } from '@/lib/model/path';
import { queryToPath } from '@/lib/paths';
import { runDiagnosis } from '@/lib/server/run-diagnosis';
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

type Outcome = { diagnosis: Diagnosis } | { problem: string };

async function Loaded({ path, outcome }: { path: AccessPath; outcome: Promise<Outcome> }) {
  const result = await outcome;
  if ('problem' in result) return <Problem message={result.problem} />;
  return (
    <QueryProvider>
      <DiagnosisView path={path} initial={result.diagnosis} prometheusUrl={prometheusLink()} />
    </QueryProvider>
  );
}

export default async function DiagnosePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = queryToPath(await searchParams);
  if (!parsed.ok) return <main><Problem message={`This link does not describe a path: ${parsed.errors.join('; ')}`} /></main>;
  const outcome: Promise<Outcome> = runDiagnosis(parsed.path).then(
    (r) => ({ diagnosis: r.diagnosis }),
    (error: unknown) => {
      if (error instanceof RequestError) return { problem: error.message };
      throw error;
    },
  );
  return (
    <main>
      <Suspense fallback={<DiagnosisSkeleton path={parsed.path} />}>
        <Loaded path={parsed.path} outcome={outcome} />
      </Suspense>
    </main>
  );
}
