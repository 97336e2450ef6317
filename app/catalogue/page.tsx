// The catalogue of finding codes, generated from the same table the checks use.
import type { Metadata } from 'next';
import { LanguageSwitch } from '@/components/language-switch';
import { ThemeToggle } from '@/components/theme-toggle';
import { CATALOGUE, type FindingCode } from '@/lib/model/catalogue';
import { STEP_NAMES } from '@/lib/model/hops';
import { requestTranslator } from '@/lib/server/locale';
import { catalogueEntry } from '@/lib/i18n/all';

export async function generateMetadata(): Promise<Metadata> {
  const t = await requestTranslator();
  return { title: t('Hopscope — finding codes') };
}

export default async function CataloguePage() {
  const t = await requestTranslator();
  const codes = Object.keys(CATALOGUE) as FindingCode[];
  return (
    <main>
      <header className="bar">
        <a href="/">
          <strong>{'Hopscope'}</strong>
        </a>
        <span className="spacer" />
        <ThemeToggle />
        <LanguageSwitch />
      </header>
      <h1>{t('Finding codes')}</h1>
      <p className="muted">
        {t(
          '{0} codes. A code is stable once released; the title of a finding adds the specifics.',
          codes.length,
        )}
      </p>
      {codes.map((code) => {
        const step = CATALOGUE[code].step;
        const e = catalogueEntry(t.locale, code);
        return (
          <section key={code} id={code} className="step" aria-labelledby={`code-${code}`}>
            <h2 id={`code-${code}`}>
              <code>{code}</code>{' '}
              <span className="muted">{t('step {0} · {1}', step, t(STEP_NAMES[step]))}</span>
            </h2>
            <p>
              <strong>{t('Means:')}</strong> {e.meaning}
            </p>
            <p>
              <strong>{t('Why it breaks the path:')}</strong> {e.why}
            </p>
            <p>
              <strong>{t('Fix:')}</strong> {e.fix}
            </p>
          </section>
        );
      })}
    </main>
  );
}
