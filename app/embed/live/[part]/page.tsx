// GET /embed/live/<part>?<the live link's query> — one part of a diagnosis run now, for an iframe
// (summary, topology, step-1 … step-6). It needs the viewer's Hopscope session, which a frame on
// another site cannot send: proxy.ts then answers with a page that says so and opens a window.
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { EmbedPartView, parseEmbedPart } from '@/components/embed-part';
import { diagnoseHref, pathToQuery } from '@/lib/client/live-link';
import { queryToPath } from '@/lib/client/query-to-path';
import { callerFrom } from '@/lib/server/auth/caller';
import { RequestError } from '@/lib/server/errors';
import { runDiagnosis } from '@/lib/server/run-diagnosis';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { translator } from '@/lib/i18n/translate';
import { requestLocale } from '@/lib/server/locale';

export const dynamic = 'force-dynamic';

export default async function LiveEmbed({
  params,
  searchParams,
}: {
  params: Promise<{ part: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const part = parseEmbedPart((await params).part);
  if (!part) notFound();
  const parsed = queryToPath(await searchParams);
  const locale = await requestLocale();
  const t = translator(locale);
  if (!parsed.ok)
    return (
      <main className="embed">
        <p role="alert">
          {t('This embed link does not describe a path: {0}', parsed.errors.join(t('; ')))}
        </p>
      </main>
    );
  let outcome: { diagnosis: Diagnosis } | { problem: string };
  try {
    outcome = await runDiagnosis(parsed.path, callerFrom(await headers(), 'GET'));
  } catch (error) {
    // Plain words only: an embed is read where nobody can see the server's log.
    if (!(error instanceof RequestError)) console.error('hopscope: live embed', error);
    outcome = {
      problem: error instanceof RequestError ? error.message : t('the diagnosis could not be run'),
    };
  }
  if ('problem' in outcome)
    return (
      <main className="embed">
        <p role="alert">{t('Hopscope: {0}', outcome.problem)}</p>
      </main>
    );
  return (
    <EmbedPartView
      d={outcome.diagnosis}
      part={part}
      fullHref={diagnoseHref(pathToQuery(parsed.path))}
      stamp={t('live, taken {0} UTC', outcome.diagnosis.takenAt.slice(11, 16))}
      locale={locale}
    />
  );
}
