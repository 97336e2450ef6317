// One finding: title, evidence (objects and fields), remediation with copyable commands.
import type { Locale } from '@/lib/i18n/locale';
import {
  findingRemedy,
  findingTitle,
  translator,
  type Translator,
  said,
} from '@/lib/i18n/translate';
import type { Evidence, Finding } from '@/lib/model/finding';
import { CopyButton } from './copy-button';
import { VerdictBadge } from './verdict';

const clockOf = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString().slice(11, 16);

function EvidenceLine({ e, t }: { e: Evidence; t: Translator }) {
  switch (e.kind) {
    case 'object':
      return (
        <li>
          <code>{e.ref}</code> <code>{e.field}</code> = <code>{JSON.stringify(e.value)}</code>
        </li>
      );
    case 'source':
      return (
        <li>
          {t(
            '{0}: could not {1} ({2}): {3}',
            e.issue.source,
            e.issue.what,
            e.issue.status ? `${e.issue.kind} ${e.issue.status}` : e.issue.kind,
            e.issue.message,
          )}
        </li>
      );
    case 'query':
      return (
        <li>
          <code>{e.promql}</code> <CopyButton text={e.promql} label={t('Copy PromQL')} />
          <span className="muted">
            {' '}
            {t(
              'over {0}–{1} UTC, step {2}s: {3}',
              clockOf(e.start),
              clockOf(e.end),
              e.step,
              said(t, e.summary, e.summaryMessage),
            )}
          </span>
        </li>
      );
    case 'note':
      return <li>{said(t, e.text, e.message)}</li>;
  }
}

export function FindingCard({ finding, locale }: { finding: Finding; locale: Locale }) {
  const t = translator(locale);
  const title = findingTitle(finding, t);
  return (
    <article className="finding" aria-label={title} data-code={finding.code} data-hop={finding.hop}>
      <header>
        <VerdictBadge
          verdict={finding.severity === 'info' ? 'ok' : finding.severity}
          locale={locale}
        />
        <code className="code">{finding.code}</code>
        <span className="finding-title">{title}</span>
      </header>
      {finding.evidence.length > 0 ? (
        <details>
          <summary>{t('evidence ({0})', finding.evidence.length)}</summary>
          <ul className="evidence">
            {finding.evidence.map((e, i) => (
              <EvidenceLine key={i} e={e} t={t} />
            ))}
          </ul>
        </details>
      ) : null}
      <p className="remedy">{findingRemedy(finding, t)}</p>
      {finding.remediation.commands.map((c) => (
        <div key={c.text} className={c.destructive ? 'command destructive' : 'command'}>
          <code>{c.text}</code>
          <CopyButton text={c.text} label={t('Copy command: {0}', c.text)} />
          {c.destructive ? (
            <span className="changes-cluster" title={t('Running this command changes the cluster')}>
              {t('changes the cluster')}
            </span>
          ) : null}
        </div>
      ))}
    </article>
  );
}
