// Small helpers that keep the checks short: a finding's step comes from the catalogue, and
// object evidence is written the same way everywhere.
import type { Command, Evidence, Finding } from '@/lib/model/finding';
import type { HopKind, StepId } from '@/lib/model/hops';
import type { SourceIssue } from '@/lib/model/snapshot';
import type { Severity } from '@/lib/model/verdict';
import { CATALOGUE, type FindingCode } from '@/lib/model/catalogue';
import { english, msg, words, type Message } from '@/lib/i18n/message';
import { sh } from './command';

export interface FindingInput {
  hop: HopKind;
  member?: string;
  severity: Severity;
  /** Built with `msg` so the page can show it in the reader's language. */
  title: Message;
  evidence?: Evidence[];
  text?: Message;
  commands?: Command[];
  step?: StepId;
  /** What the finding is about beyond its member (see `Finding.subjects`). */
  subjects?: string[];
}

/** Members of these hops are nodes; members of the others are pods. */
const NODE_MEMBERS: ReadonlySet<HopKind> = new Set(['node', 'kube-proxy']);

export const subject = {
  node: (name: string) => `node/${name}`,
  pod: (name: string) => `pod/${name}`,
  ip: (address: string) => `ip/${address}`,
};

function subjectsOf(input: FindingInput): string[] {
  const own = input.member
    ? [NODE_MEMBERS.has(input.hop) ? subject.node(input.member) : subject.pod(input.member)]
    : [];
  return [...new Set([...own, ...(input.subjects ?? [])])];
}

export function finding(code: FindingCode, input: FindingInput): Finding {
  const entry = CATALOGUE[code];
  return {
    code,
    step: input.step ?? entry.step,
    hop: input.hop,
    ...(input.member ? { member: input.member } : {}),
    severity: input.severity,
    title: english(input.title),
    evidence: input.evidence ?? [],
    remediation: {
      text: input.text ? english(input.text) : entry.fix,
      commands: input.commands ?? [],
    },
    ...(subjectsOf(input).length > 0 ? { subjects: subjectsOf(input) } : {}),
    // Without words of its own, the remedy is the code's fix, said in the reader's language too.
    messages: { title: input.title, remedy: input.text ?? words(entry.fix) },
  };
}

/** Evidence in words: a note the page can show in the reader's language. */
export function noteEvidence(m: Message): Evidence {
  return { kind: 'note', text: english(m), message: m };
}

export function objectEvidence(ref: string, field: string, value: unknown): Evidence {
  return { kind: 'object', ref, field, value };
}

/** A source that could not be read: the hop (or member) becomes `unknown`, with the reason. */
const ISSUE_WORDS: Record<SourceIssue['kind'], Message> = {
  forbidden: msg`not permitted`,
  unauthorized: msg`the credentials were refused`,
  timeout: msg`no answer in time`,
  unreachable: msg`unreachable`,
  'server-error': msg`the server failed`,
  'bad-response': msg`an answer that could not be read`,
};

export function sourceUnknown(
  step: StepId,
  hop: HopKind,
  issue: SourceIssue,
  member?: string,
): Finding {
  // The source's own words say what to do ("dial tcp 10.0.0.12:10250: connection refused"); the
  // kind alone ("server-error") does not.
  // `what` is the collector's own phrase ("list pods of shop"): data, kept as read.
  const reason =
    issue.kind === 'forbidden'
      ? msg`no permission to ${issue.what}`
      : issue.message
        ? msg`could not ${issue.what}: ${ISSUE_WORDS[issue.kind]} (${issue.message})`
        : msg`could not ${issue.what}: ${ISSUE_WORDS[issue.kind]}`;
  return finding('SOURCE_UNAVAILABLE', {
    step,
    hop,
    member,
    severity: 'unknown',
    title: msg`${issue.source === 'kubernetes' ? words('Kubernetes API') : words('Prometheus')}: ${reason}`,
    evidence: [{ kind: 'source', issue }],
    commands: issue.kind === 'forbidden' ? [sh`kubectl auth can-i --list`] : [],
  });
}
