// The diagnosis page. Its URL holds the whole path: it is the live link.
import Link from 'next/link';
import { describePath } from '@/lib/model/path';
import { queryToPath } from '@/lib/paths';
import { runDiagnosis } from '@/lib/server/run-diagnosis';
import { RequestError } from '@/lib/server/errors';
import { Topology } from '@/components/topology';
import { StepPanel } from '@/components/step-panel';
import { VerdictBadge } from '@/components/verdict';

export const dynamic = 'force-dynamic';

/** The Prometheus UI to link charts to (HOPSCOPE_PROMETHEUS_LINK_URL, when users can reach it). */
function prometheusLink(_cluster: string): string | undefined {
  return process.env.HOPSCOPE_PROMETHEUS_LINK_URL ?? process.env.HOPSCOPE_PROMETHEUS_URL;
}

export default async function DiagnosePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = queryToPath(await searchParams);
  if (!parsed.ok) {
    return <main><h1>Hopscope</h1><p role="alert">This link does not describe a path: {parsed.errors.join('; ')}</p><Link href="/">Pick a path</Link></main>;
  }
  let result;
  try {
    result = await runDiagnosis(parsed.path);
  } catch (error) {
    if (error instanceof RequestError) return <main><h1>Hopscope</h1><p role="alert">{error.message}</p><Link href="/">Pick a path</Link></main>;
    throw error;
  }
  const { diagnosis } = result;
  const anchors: Partial<Record<string, string>> = {};
  for (const f of diagnosis.findings) anchors[f.hop] ??= `#step-${f.step}`;
  return (
    <main>
      <header className="bar">
        <Link href="/"><strong>Hopscope</strong></Link>
        <span>{diagnosis.cluster}</span>
        <span>{describePath(diagnosis.path)}</span>
        <span>last {diagnosis.path.window.minutes} m</span>
        <span className="muted">taken {diagnosis.takenAt} · {diagnosis.meta.apiRequests} API requests</span>
      </header>
      <section className={`summary summary-${diagnosis.summary.verdict}`} role="status" aria-label="Summary">
        <VerdictBadge verdict={diagnosis.summary.verdict} /> <span>{diagnosis.summary.sentence}</span>
      </section>
      <Topology hops={diagnosis.hops} anchors={anchors} />
      {diagnosis.meta.sourceWarnings.length > 0 ? <p className="muted" role="note">Prometheus warned: {diagnosis.meta.sourceWarnings.join('; ')}</p> : null}
      {diagnosis.steps.map((s) => <StepPanel key={s.id} step={s} prometheusUrl={prometheusLink(diagnosis.cluster)} />)}
    </main>
  );
}
