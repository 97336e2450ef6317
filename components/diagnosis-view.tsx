'use client';
// The diagnosis page's interactive shell: re-run, auto-refresh, copy link, theme and keyboard
// shortcuts around the diagnosis. The first diagnosis streams in from the server as `children`
// (each step panel on its own); after a re-run, react-query's answer is drawn instead.
import { useQuery } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { diagnosisQuery } from '@/lib/client/diagnosis-query';
import { diagnoseHref, pathToQuery } from '@/lib/client/live-link';
import { rememberPath } from '@/lib/client/recent-paths';
import type { AccessPath } from '@/lib/model/path';
import { describePath } from '@/lib/model/path-text';
import { DiagnosisBody } from './diagnosis-body';
import { LanguageSwitch } from './language-switch';
import { useLocale, useT } from './locale';
import { rich } from './rich';
import { ShareButton } from './share-button';
import { ThemeToggle } from './theme-toggle';

const REFRESH_CHOICES = [0, 30, 60, 300] as const;

export function DiagnosisView({
  path,
  cluster,
  prometheusUrl,
  diagnosisRef,
  children,
}: {
  path: AccessPath;
  cluster: string;
  prometheusUrl?: string;
  /** What Share freezes: the ref of the server's diagnosis (a promise while it streams). */
  diagnosisRef: string | null | Promise<string | null>;
  children: ReactNode;
}) {
  const locale = useLocale();
  const t = useT();
  const [refreshSeconds, setRefreshSeconds] = useState<number>(0);
  const [live, setLive] = useState(false);
  const [note, setNote] = useState('');
  // Nothing is fetched until the SRE re-runs or turns auto-refresh on: the server already streamed one.
  const query = useQuery({
    ...diagnosisQuery(path),
    enabled: live,
    refetchInterval: refreshSeconds > 0 ? refreshSeconds * 1000 : false,
  });
  const { refetch } = query;

  const rerun = useCallback(() => {
    if (live) void refetch();
    else setLive(true);
  }, [live, refetch]);

  const copyLink = useCallback(async () => {
    await navigator.clipboard.writeText(window.location.href);
    setNote(t('link copied'));
    setTimeout(() => setNote(''), 1500);
  }, [t]);

  const nextProblem = useCallback(() => {
    // Failures first, then warnings, each in path order.
    const hops = [
      ...document.querySelectorAll<HTMLElement>('[data-hop-verdict="fail"] a'),
      ...document.querySelectorAll<HTMLElement>('[data-hop-verdict="warn"] a'),
    ];
    if (hops.length === 0) return;
    const i = hops.findIndex((a) => a === document.activeElement);
    hops[(i + 1) % hops.length]!.focus();
  }, []);

  useEffect(() => {
    rememberPath({
      href: `${window.location.pathname}${window.location.search}`,
      label: describePath(path),
    });
  }, [path]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey || target?.closest('input, select, textarea')) return;
      if (e.key === 'r') {
        e.preventDefault();
        rerun();
      }
      if (e.key === 'n') {
        e.preventDefault();
        nextProblem();
      }
      if (e.key === 'l') {
        e.preventDefault();
        void copyLink();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rerun, nextProblem, copyLink]);

  return (
    <>
      <header className="bar">
        <a href="/">
          <strong>{'Hopscope'}</strong>
        </a>
        <span>{cluster}</span>
        <h1 className="bar-title">{describePath(path, t)}</h1>
        <span>
          {path.window.end
            ? t(
                '{0} m to {1} UTC',
                path.window.minutes,
                path.window.end.slice(0, 16).replace('T', ' '),
              )
            : t('last {0} m', path.window.minutes)}
        </span>
        {query.isFetching ? (
          <span className="muted" role="status" aria-label={t('Progress')}>
            {t('diagnosing…')}
          </span>
        ) : null}
        <span className="spacer" />
        <button
          type="button"
          onClick={rerun}
          disabled={query.isFetching}
          aria-keyshortcuts="r"
          title={t('Re-run (r)')}
        >
          {t('⟳ Re-run')}
        </button>
        <label className="inline">
          {t('auto-refresh')}
          <select
            value={refreshSeconds}
            onChange={(e) => {
              setRefreshSeconds(Number(e.target.value));
              setLive(true);
            }}
            aria-label={t('Auto-refresh')}
          >
            {REFRESH_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s === 0 ? t('off') : t('{0} s', s)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => void copyLink()}
          aria-keyshortcuts="l"
          title={t('Copy link (l)')}
        >
          {t('⧉ Copy link')}
        </button>
        {path.trace ? (
          <span className="muted">{t('with path trace')}</span>
        ) : (
          <a
            href={diagnoseHref(pathToQuery({ ...path, trace: true }))}
            title={t('Diagnose again with probes along the path (step 6)')}
          >
            {t('⇢ Trace the path')}
          </a>
        )}
        <Suspense
          fallback={
            <button type="button" disabled>
              {t('⇪ Share')}
            </button>
          }
        >
          <ShareButton diagnosisRef={query.data ? query.data.ref : diagnosisRef} path={path} />
        </Suspense>
        <ThemeToggle />
        <LanguageSwitch heldRef={query.data ? query.data.ref : diagnosisRef} />
        <span role="status" aria-label={t('Notice')} className="muted">
          {note}
        </span>
      </header>
      {query.isError ? (
        <p role="alert">
          {t('Re-run failed: {0}. Showing the previous diagnosis.', query.error.message)}
        </p>
      ) : null}
      {query.data ? (
        <DiagnosisBody d={query.data.diagnosis} prometheusUrl={prometheusUrl} locale={locale} />
      ) : (
        children
      )}
      <p className="muted keys">
        {rich(
          t('Keys: {0} re-run · {1} next failing hop (failures, then warnings) · {2} copy link'),
          <kbd>r</kbd>,
          <kbd>n</kbd>,
          <kbd>l</kbd>,
        )}
      </p>
    </>
  );
}
