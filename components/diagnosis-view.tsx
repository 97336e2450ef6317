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
    setNote('link copied');
    setTimeout(() => setNote(''), 1500);
  }, []);

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
          <strong>Hopscope</strong>
        </a>
        <span>{cluster}</span>
        <h1 className="bar-title">{describePath(path)}</h1>
        <span>
          {path.window.end
            ? `${path.window.minutes} m to ${path.window.end.slice(0, 16).replace('T', ' ')} UTC`
            : `last ${path.window.minutes} m`}
        </span>
        {query.isFetching ? (
          <span className="muted" role="status" aria-label="Progress">
            diagnosing…
          </span>
        ) : null}
        <span className="spacer" />
        <button
          type="button"
          onClick={rerun}
          disabled={query.isFetching}
          aria-keyshortcuts="r"
          title="Re-run (r)"
        >
          ⟳ Re-run
        </button>
        <label className="inline">
          auto-refresh
          <select
            value={refreshSeconds}
            onChange={(e) => {
              setRefreshSeconds(Number(e.target.value));
              setLive(true);
            }}
            aria-label="Auto-refresh"
          >
            {REFRESH_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s === 0 ? 'off' : `${s} s`}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => void copyLink()}
          aria-keyshortcuts="l"
          title="Copy link (l)"
        >
          ⧉ Copy link
        </button>
        {path.trace ? (
          <span className="muted">with path trace</span>
        ) : (
          <a
            href={diagnoseHref(pathToQuery({ ...path, trace: true }))}
            title="Diagnose again with probes along the path (step 6)"
          >
            ⇢ Trace the path
          </a>
        )}
        <Suspense
          fallback={
            <button type="button" disabled>
              ⇪ Share
            </button>
          }
        >
          <ShareButton diagnosisRef={query.data ? query.data.ref : diagnosisRef} path={path} />
        </Suspense>
        <ThemeToggle />
        <span role="status" aria-label="Notice" className="muted">
          {note}
        </span>
      </header>
      {query.isError ? (
        <p role="alert">Re-run failed: {query.error.message}. Showing the previous diagnosis.</p>
      ) : null}
      {query.data ? (
        <DiagnosisBody d={query.data.diagnosis} prometheusUrl={prometheusUrl} />
      ) : (
        children
      )}
      <p className="muted keys">
        Keys: <kbd>r</kbd> re-run · <kbd>n</kbd> next failing hop (failures, then warnings) ·{' '}
        <kbd>l</kbd> copy link
      </p>
    </>
  );
}
