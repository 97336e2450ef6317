// The diagnosis page. Its URL holds the whole path: it is the live link. The first diagnosis is
// gathered here on the server; re-runs go through the JSON API from the browser.
import Link from 'next/link';
import { queryToPath } from '@/lib/paths';
import { runDiagnosis } from '@/lib/server/run-diagnosis';
import { RequestError } from '@/lib/server/errors';
import { DiagnosisView } from '@/components/diagnosis-view';
import { QueryProvider } from '@/components/query-provider';

export const dynamic = 'force-dynamic';

/** The Prometheus UI to link charts to (HOPSCOPE_PROMETHEUS_LINK_URL, when users can reach it). */
function prometheusLink(): string | undefined {
  return process.env.HOPSCOPE_PROMETHEUS_LINK_URL ?? process.env.HOPSCOPE_PROMETHEUS_URL;
}

function Problem({ message }: { message: string }) {
  return <main><h1>Hopscope</h1><p role="alert">{message}</p><Link href="/">Pick a path</Link></main>;
}

export default async function DiagnosePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = queryToPath(await searchParams);
  if (!parsed.ok) return <Problem message={`This link does not describe a path: ${parsed.errors.join('; ')}`} />;
  let result;
  try {
    result = await runDiagnosis(parsed.path);
  } catch (error) {
    if (error instanceof RequestError) return <Problem message={error.message} />;
    throw error;
  }
  return (
    <main>
      <QueryProvider>
        <DiagnosisView path={parsed.path} initial={result.diagnosis} prometheusUrl={prometheusLink()} />
      </QueryProvider>
    </main>
  );
}
