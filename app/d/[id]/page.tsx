// A frozen diagnosis at its permalink: exactly what was seen when it was shared, with a banner
// saying so, and the moves from there (run again and compare, embed, delete). The id is the
// credential (see lib/server/auth/capability-routes.ts): no session is needed to read it.
import type { Metadata } from 'next';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { DiagnosisBody } from '@/components/diagnosis-body';
import { FrozenActions } from '@/components/frozen-actions';
import { FrozenBanner } from '@/components/frozen-banner';
import { LanguageSwitch } from '@/components/language-switch';
import { QueryProvider } from '@/components/query-provider';
import { ThemeToggle } from '@/components/theme-toggle';
import { VERDICT_LOOK } from '@/components/verdict';
import { translator } from '@/lib/i18n/translate';
import type { FrozenDiagnosis } from '@/lib/model/frozen';
import { describePath } from '@/lib/model/path-text';
import { RequestError } from '@/lib/server/errors';
import { readFrozen } from '@/lib/server/frozen-diagnoses';
import { prometheusLink } from '@/lib/server/prometheus-link';
import { requestLocale, requestTranslator } from '@/lib/server/locale';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

// Once per request: the page and its metadata read the same record.
const load = cache(async (id: string): Promise<FrozenDiagnosis | string> => {
  try {
    return await readFrozen(id);
  } catch (error) {
    if (error instanceof RequestError) return error.message;
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const frozen = await load((await params).id);
  const t = await requestTranslator();
  if (typeof frozen === 'string') return { title: t('Hopscope — frozen diagnosis not found') };
  return {
    title: t(
      '{0} · {1} — Hopscope (frozen)',
      t(VERDICT_LOOK[frozen.diagnosis.summary.verdict].word),
      describePath(frozen.path, t),
    ),
    robots: { index: false },
  };
}

export default async function FrozenPage({ params }: Props) {
  const frozen = await load((await params).id);
  if (typeof frozen === 'string') notFound();
  const locale = await requestLocale();
  const t = translator(locale);
  const prometheusUrl = prometheusLink();
  // The client needs the verdicts to compare with a new run, not the charts.
  const forComparison = { ...frozen.diagnosis, steps: [] };
  return (
    <main>
      <header className="bar">
        <a href="/">
          <strong>{'Hopscope'}</strong>
        </a>
        <span>{frozen.diagnosis.cluster}</span>
        <span>{describePath(frozen.path, t)}</span>
        <span className="spacer" />
        <ThemeToggle />
        <LanguageSwitch />
      </header>
      <FrozenBanner frozen={frozen} now={new Date()} locale={locale} />
      <QueryProvider>
        <FrozenActions
          frozen={{ id: frozen.id, path: frozen.path, diagnosis: forComparison }}
          prometheusUrl={prometheusUrl}
        />
      </QueryProvider>
      <DiagnosisBody d={frozen.diagnosis} prometheusUrl={prometheusUrl} locale={locale} />
    </main>
  );
}
