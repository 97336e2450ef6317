import { KubeConfigError, listClusters } from '@/lib/sources/kube/clusters';
import { PathPicker } from '@/components/path-picker';
import { QueryProvider } from '@/components/query-provider';
import { ThemeToggle } from '@/components/theme-toggle';
import { LanguageSwitch } from '@/components/language-switch';
import { BundleUpload } from '@/components/bundle-upload';
import { VerdictBadge } from '@/components/verdict';
import { folderBundles } from '@/lib/server/bundles';
import { translator } from '@/lib/i18n/translate';
import { requestLocale } from '@/lib/server/locale';

export const dynamic = 'force-dynamic';

function clusterNames(): { names: string[]; problem?: string } {
  try {
    return { names: listClusters().map((c) => c.name) };
  } catch (error) {
    if (error instanceof KubeConfigError) return { names: [], problem: error.message };
    throw error;
  }
}

export default async function Home() {
  const locale = await requestLocale();
  const t = translator(locale);
  const { names, problem } = clusterNames();
  const captured = await folderBundles();
  return (
    <main>
      <header className="bar">
        <h1>{'Hopscope'}</h1>
        <span className="spacer" />
        <ThemeToggle />
        <LanguageSwitch />
        <a href="/catalogue">{t('finding codes')}</a>
      </header>
      <p>
        {t(
          'Pick the access path that stopped answering. Hopscope walks node and pod health, golden metrics, DNS, the Service and kube-proxy, the Ingress and the path itself, and tells you which hop is broken.',
        )}
      </p>
      {problem && captured.bundles.length === 0 ? <p role="alert">{problem}</p> : null}
      {names.length > 0 ? (
        <QueryProvider>
          <PathPicker clusters={names} logsAllowed={process.env.HOPSCOPE_ALLOW_LOGS === '1'} />
        </QueryProvider>
      ) : null}
      {captured.bundles.length > 0 ? (
        <section aria-labelledby="captured">
          <h2 id="captured">{t('Captured diagnoses')}</h2>
          <p className="muted">
            {t(
              names.length === 0
                ? 'Frozen diagnoses this server was started with (HOPSCOPE_BUNDLES_DIR): no cluster is configured, so these are what there is.'
                : 'Frozen diagnoses this server was started with (HOPSCOPE_BUNDLES_DIR).',
            )}
          </p>
          <ul className="captured">
            {captured.bundles.map((b) => (
              <li key={b.id}>
                <a href={`/d/${b.id}`}>{b.title}</a>{' '}
                <VerdictBadge verdict={b.verdict} locale={locale} />{' '}
                <span className="muted">
                  {t('{0} · taken {1} UTC', b.cluster, b.takenAt.slice(0, 16).replace('T', ' '))}
                </span>
                <br />
                {b.sentenceMessage ? t.message(b.sentenceMessage) : b.sentence}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {captured.problems.length > 0 ? (
        <p role="alert">{t('Bundles not loaded: {0}', captured.problems.join(t('; ')))}</p>
      ) : null}
      <BundleUpload />
    </main>
  );
}
