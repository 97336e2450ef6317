// Small helpers that keep the checks short: a finding's step comes from the catalogue, and
// object evidence is written the same way everywhere.
import type { Command, Evidence, Finding } from '@/lib/model/finding';
import type { HopKind, StepId } from '@/lib/model/hops';
import type { SourceIssue } from '@/lib/model/snapshot';
import type { Severity } from '@/lib/model/verdict';
import { CATALOGUE, type FindingCode } from '@/lib/model/catalogue';
import { sh } from './command';

export interface FindingInput {
  hop: HopKind;
  member?: string;
  severity: Severity;
  title: string;
  evidence?: Evidence[];
  text?: string;
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
    title: input.title,
    evidence: input.evidence ?? [],
    remediation: { text: input.text ?? entry.fix, commands: input.commands ?? [] },
    ...(subjectsOf(input).length > 0 ? { subjects: subjectsOf(input) } : {}),
  };
}

export function objectEvidence(ref: string, field: string, value: unknown): Evidence {
  return { kind: 'object', ref, field, value };
}

/** A source that could not be read: the hop (or member) becomes `unknown`, with the reason. */
const ISSUE_WORDS: Record<SourceIssue['kind'], string> = {
  forbidden: 'not permitted',
  unauthorized: 'the credentials were refused',
  timeout: 'no answer in time',
  unreachable: 'unreachable',
  'server-error': 'the server failed',
  'bad-response': 'an answer that could not be read',
};

export function sourceUnknown(
  step: StepId,
  hop: HopKind,
  issue: SourceIssue,
  member?: string,
): Finding {
  // The source's own words say what to do ("dial tcp 10.0.0.12:10250: connection refused"); the
  // kind alone ("server-error") does not.
  const reason =
    issue.kind === 'forbidden'
      ? `no permission to ${issue.what}`
      : `could not ${issue.what}: ${ISSUE_WORDS[issue.kind]}${issue.message ? ` (${issue.message})` : ''}`;
  return finding('SOURCE_UNAVAILABLE', {
    step,
    hop,
    member,
    severity: 'unknown',
    title: `${issue.source === 'kubernetes' ? 'Kubernetes API' : 'Prometheus'}: ${reason}`,
    evidence: [{ kind: 'source', issue }],
    commands: issue.kind === 'forbidden' ? [sh`kubectl auth can-i --list`] : [],
  });
}
