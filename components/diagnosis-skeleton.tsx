// What the SRE sees while evidence is gathered: the path, and each step waiting for its sources.
import type { Locale } from '@/lib/i18n/locale';
import { translator } from '@/lib/i18n/translate';
import { STEP_IDS, STEP_NAMES, type StepId } from '@/lib/model/hops';
import type { AccessPath } from '@/lib/model/path';
import { describePath } from '@/lib/model/path-text';

export function StepSkeleton({ id, locale }: { id: StepId; locale: Locale }) {
  const t = translator(locale);
  const name = t(STEP_NAMES[id]);
  return (
    <section className="step skeleton" aria-label={t('{0} {1}: waiting', id, name)}>
      <h2>
        {id} {name}
      </h2>
      <p className="muted">{t('waiting for its evidence…')}</p>
    </section>
  );
}

export function OverviewSkeleton({ locale }: { locale: Locale }) {
  const t = translator(locale);
  return (
    <div className="summary skeleton" aria-busy="true">
      {t('gathering evidence for each hop…')}
    </div>
  );
}

export function DiagnosisSkeleton({ path, locale }: { path: AccessPath; locale: Locale }) {
  const t = translator(locale);
  return (
    <div aria-busy="true">
      <header className="bar">
        <strong>{'Hopscope'}</strong>
        <span>{describePath(path, t)}</span>
        <span className="muted" role="status" aria-label={t('Progress')}>
          {t('diagnosing… (Kubernetes API, then Prometheus)')}
        </span>
      </header>
      <OverviewSkeleton locale={locale} />
      {STEP_IDS.map((id) => (
        <StepSkeleton key={id} id={id} locale={locale} />
      ))}
    </div>
  );
}
