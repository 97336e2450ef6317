// The top of a diagnosis: when it was taken, the one-sentence answer and the path topology.
// Rendered on the server while panels stream, and in the browser after a re-run.
import type { Locale } from '@/lib/i18n/locale';
import { translator, type Translator, said } from '@/lib/i18n/translate';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { Finding } from '@/lib/model/finding';
import { HOP_HOME_STEP, type HopKind } from '@/lib/model/hops';
import { describePath } from '@/lib/model/path-text';
import { Topology } from './topology';
import { VERDICT_LOOK } from './verdict';
import { VerdictTitle } from './verdict-title';
import { WhatChanged } from './what-changed';
import { VerdictBadge } from './verdict';

const SEVERITY_RANK: Record<Finding['severity'], number> = {
  fail: 0,
  warn: 1,
  unknown: 2,
  info: 3,
};

/**
 * Where each hop's link goes: the step panel of its worst finding, else the step that holds the
 * hop's evidence (an `ok` cluster DNS opens DNS).
 */
export function anchorsOf(d: Diagnosis, idPrefix = ''): Record<HopKind, string> {
  const worstFirst = [...d.findings].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  const anchors = Object.fromEntries(
    Object.entries(HOP_HOME_STEP).map(([hop, step]) => [hop, `#${idPrefix}step-${step}`]),
  ) as Record<HopKind, string>;
  const seen = new Set<HopKind>();
  for (const f of worstFirst) {
    if (seen.has(f.hop)) continue;
    seen.add(f.hop);
    anchors[f.hop] = `#${idPrefix}step-${f.step}`;
  }
  return anchors;
}

/** "✖ fail at endpoints · ClusterIP shop/web:80 · Hopscope": the tab's title. */
export function verdictTitle(d: Diagnosis, t: Translator): string {
  const look = VERDICT_LOOK[d.summary.verdict];
  const hop = d.hops.find((h) => h.kind === d.summary.hop);
  let said = t(look.word);
  if (hop && d.summary.verdict !== 'ok') said = t('{0} at {1}', said, t(hop.label));
  if (d.meta.metricsPending) said = t('{0} (so far)', said);
  return `${look.icon} ${said} · ${describePath(d.path, t)} · Hopscope`;
}

/** `embedded`: alone in a runbook's iframe, where no step panel is there to link to. */
export function DiagnosisOverview({
  d,
  embedded = false,
  idPrefix = '',
  locale,
}: {
  d: Diagnosis;
  embedded?: boolean;
  /** Keeps ids unique where a page shows two diagnoses (a frozen one and its run again). */
  idPrefix?: string;
  locale: Locale;
}) {
  const t = translator(locale);
  const anchors = embedded ? undefined : anchorsOf(d, idPrefix);
  return (
    <>
      <VerdictTitle title={verdictTitle(d, t)} />
      <p className="muted stamp" aria-live="polite">
        {d.meta.metricsPending
          ? t('Kubernetes evidence in; Prometheus evidence loading…')
          : t(
              'taken {0} UTC · {1} API requests · {2} queries',
              new Date(d.takenAt).toISOString().slice(11, 19),
              d.meta.apiRequests,
              d.meta.promQueries,
            )}
      </p>
      <section
        className={`summary summary-${d.summary.verdict}`}
        role="status"
        aria-label={t('Summary')}
      >
        <VerdictBadge verdict={d.summary.verdict} locale={locale} />{' '}
        <span>{said(t, d.summary.sentence, d.summary.message)}</span>
      </section>
      <Topology hops={d.hops} anchors={anchors} locale={locale} />
      {d.meta.metricsPending ? null : (
        <WhatChanged
          changes={d.changes}
          unread={d.changesUnreadMessages?.map((m) => t.message(m)) ?? d.changesUnread}
          anchors={anchors}
          idPrefix={idPrefix}
          locale={locale}
        />
      )}
      {d.meta.sourceWarnings.length > 0 ? (
        <p className="muted" role="note">
          {t('Prometheus warned: {0}', d.meta.sourceWarnings.join(t('; ')))}
        </p>
      ) : null}
    </>
  );
}
