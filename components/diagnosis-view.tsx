'use client';
// The diagnosis page's interactive shell: re-run, auto-refresh, copy link and keyboard
// shortcuts around the summary, the topology and the six step panels. Data comes from the
// server render first, then from react-query when the SRE re-runs.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { diagnosisQuery } from '@/lib/diagnosis-query';
import { rememberPath } from '@/lib/recent-paths';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { describePath, type AccessPath } from '@/lib/model/path';
import { PanelBoundary } from './panel-boundary';
import { StepPanel } from './step-panel';
import { ThemeToggle } from './theme-toggle';
import { Topology } from './topology';
import { VerdictBadge } from './verdict';

const REFRESH_CHOICES = [0, 30, 60, 300] as const;

function anchorsOf(d: Diagnosis): Partial<Record<string, string>> {
  const anchors: Partial<Record<string, string>> = {};
  for (const f of d.findings) anchors[f.hop] ??= `#step-${f.step}`;
  return anchors;
}

export function DiagnosisView({ path, initial, prometheusUrl }: { path: AccessPath; initial: Diagnosis; prometheusUrl?: string }) {
  const [refreshSeconds, setRefreshSeconds] = useState<number>(0);
  const [note, setNote] = useState('');
  const query = useQuery({ ...diagnosisQuery(path), initialData: initial, refetchInterval: refreshSeconds > 0 ? refreshSeconds * 1000 : false });
  const d = query.data;
  const { refetch } = query;

  const copyLink = useCallback(async () => {
    await navigator.clipboard.writeText(window.location.href);
    setNote('link copied');
    setTimeout(() => setNote(''), 1500);
  }, []);

  const nextProblem = useCallback(() => {
    const hops = [...document.querySelectorAll<HTMLElement>('[data-hop-verdict="fail"] a, [data-hop-verdict="warn"] a')];
    if (hops.length === 0) return;
    const i = hops.findIndex((a) => a === document.activeElement);
    hops[(i + 1) % hops.length]!.focus();
  }, []);

  useEffect(() => {
    rememberPath({ href: `${window.location.pathname}${window.location.search}`, label: describePath(path) });
  }, [path]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey || target?.closest('input, select, textarea')) return;
      if (e.key === 'r') { e.preventDefault(); void refetch(); }
      if (e.key === 'n') { e.preventDefault(); nextProblem(); }
      if (e.key === 'l') { e.preventDefault(); void copyLink(); }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [refetch, nextProblem, copyLink]);

  return (
    <>
      <header className="bar">
        <a href="/"><strong>Hopscope</strong></a>
        <span>{d.cluster}</span>
        <span>{describePath(d.path)}</span>
        <span>last {d.path.window.minutes} m</span>
        <span className="muted" aria-live="polite">
          {query.isFetching ? 'diagnosing…' : d.meta.metricsPending ? 'Kubernetes evidence in; Prometheus evidence loading…' : `taken ${new Date(d.takenAt).toISOString().slice(11, 19)} UTC · ${d.meta.apiRequests} API requests · ${d.meta.promQueries} queries`}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => void refetch()} disabled={query.isFetching || d.meta.metricsPending} aria-keyshortcuts="r" title="Re-run (r)">⟳ Re-run</button>
        <label className="inline">auto-refresh
          <select value={refreshSeconds} onChange={(e) => setRefreshSeconds(Number(e.target.value))} aria-label="Auto-refresh">
            {REFRESH_CHOICES.map((s) => <option key={s} value={s}>{s === 0 ? 'off' : `${s} s`}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => void copyLink()} aria-keyshortcuts="l" title="Copy link (l)">⧉ Copy link</button>
        <ThemeToggle />
        <span role="status" aria-label="Notice" className="muted">{note}</span>
      </header>
      {query.isError ? <p role="alert">Re-run failed: {query.error.message}. Showing the previous diagnosis.</p> : null}
      <section className={`summary summary-${d.summary.verdict}`} role="status" aria-label="Summary">
        <VerdictBadge verdict={d.summary.verdict} /> <span>{d.summary.sentence}</span>
      </section>
      <Topology hops={d.hops} anchors={anchorsOf(d)} />
      {d.meta.sourceWarnings.length > 0 ? <p className="muted" role="note">Prometheus warned: {d.meta.sourceWarnings.join('; ')}</p> : null}
      {d.steps.map((s) => (
        <PanelBoundary key={s.id} name={`${s.id} ${s.name}`}>
          <StepPanel step={s} prometheusUrl={prometheusUrl} />
        </PanelBoundary>
      ))}
      <p className="muted keys">Keys: <kbd>r</kbd> re-run · <kbd>n</kbd> next failing hop · <kbd>l</kbd> copy link</p>
    </>
  );
}
