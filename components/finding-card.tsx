// One finding: title, evidence (objects and fields), remediation with copyable commands.
import type { Evidence, Finding } from '@/lib/model/finding';
import { CopyButton } from './copy-button';
import { VerdictBadge } from './verdict';

function EvidenceLine({ e }: { e: Evidence }) {
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
          {e.issue.source}: could not {e.issue.what} ({e.issue.kind}
          {e.issue.status ? ` ${e.issue.status}` : ''}): {e.issue.message}
        </li>
      );
    case 'query':
      return (
        <li>
          <code>{e.promql}</code> <CopyButton text={e.promql} label="Copy PromQL" />
          <span className="muted">
            {' '}
            over {new Date(e.start * 1000).toISOString().slice(11, 16)}–
            {new Date(e.end * 1000).toISOString().slice(11, 16)} UTC, step {e.step}s: {e.summary}
          </span>
        </li>
      );
    case 'note':
      return <li>{e.text}</li>;
  }
}

export function FindingCard({ finding }: { finding: Finding }) {
  return (
    <article
      className="finding"
      aria-label={finding.title}
      data-code={finding.code}
      data-hop={finding.hop}
    >
      <header>
        <VerdictBadge verdict={finding.severity === 'info' ? 'ok' : finding.severity} />
        <code className="code">{finding.code}</code>
        <span className="finding-title">{finding.title}</span>
      </header>
      {finding.evidence.length > 0 ? (
        <details>
          <summary>evidence ({finding.evidence.length})</summary>
          <ul className="evidence">
            {finding.evidence.map((e, i) => (
              <EvidenceLine key={i} e={e} />
            ))}
          </ul>
        </details>
      ) : null}
      <p className="remedy">{finding.remediation.text}</p>
      {finding.remediation.commands.map((c) => (
        <div key={c.text} className={c.destructive ? 'command destructive' : 'command'}>
          <code>{c.text}</code>
          <CopyButton text={c.text} label={`Copy command: ${c.text}`} />
          {c.destructive ? (
            <span className="changes-cluster" title="Running this command changes the cluster">
              changes the cluster
            </span>
          ) : null}
        </div>
      ))}
    </article>
  );
}
