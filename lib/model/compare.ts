// Run again: what changed between a frozen diagnosis and a new one of the same path, hop by hop
// and finding by finding. Pure over the two diagnoses.
import type { Message } from '@/lib/i18n/message';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { Finding } from '@/lib/model/finding';
import type { HopKind, StepId } from '@/lib/model/hops';
import type { Verdict } from '@/lib/model/verdict';

/** `not checked now`: a problem then, and the hop is skipped or gone now — not a fix. */
export type Change = 'fixed' | 'new' | 'still failing' | 'not checked now' | 'unchanged';

export interface HopChange {
  kind: HopKind;
  label: string;
  before: Verdict | null;
  after: Verdict | null;
  change: Change;
}

export interface FindingChange {
  key: string;
  title: string;
  /** The title as a message, for the reader's language (absent for findings without one). */
  titleMessage?: Message;
  step: StepId;
  hop: HopKind;
  before: Finding['severity'] | null;
  after: Finding['severity'] | null;
  change: 'fixed' | 'new' | 'still failing';
}

/** One side of the comparison: `message` is the sentence for the reader's language, when known. */
export interface DiffSide {
  takenAt: string;
  verdict: Verdict;
  sentence: string;
  message?: Message;
}

export interface DiagnosisDiff {
  before: DiffSide;
  after: DiffSide;
  hops: HopChange[];
  findings: FindingChange[];
  counts: Record<FindingChange['change'], number>;
}

const isProblem = (v: Verdict | null) => v === 'fail' || v === 'warn' || v === 'unknown';

function change(before: Verdict | null, after: Verdict | null): Change {
  if (isProblem(before) && isProblem(after)) return 'still failing';
  if (isProblem(before)) return after === 'ok' ? 'fixed' : 'not checked now';
  if (isProblem(after)) return 'new';
  return 'unchanged';
}

/** The same finding in two runs: its code, hop, member and subjects (not its wording or figures). */
export function findingKey(f: Finding): string {
  return [f.code, f.hop, f.member ?? '', [...(f.subjects ?? [])].sort().join(',')].join('|');
}

export function compareDiagnoses(before: Diagnosis, after: Diagnosis): DiagnosisDiff {
  const hopKinds = [
    ...new Set([...before.hops.map((h) => h.kind), ...after.hops.map((h) => h.kind)]),
  ];
  const hops = hopKinds.map((kind): HopChange => {
    const b = before.hops.find((h) => h.kind === kind);
    const a = after.hops.find((h) => h.kind === kind);
    const bv = b?.verdict ?? null;
    const av = a?.verdict ?? null;
    return { kind, label: (a ?? b)!.label, before: bv, after: av, change: change(bv, av) };
  });

  // Findings with the same key are told apart by their order (#1, #2): two become one, one fixed.
  const counted = (d: Diagnosis) => {
    const seen = new Map<string, number>();
    return new Map(
      d.findings
        .filter((f) => f.severity !== 'info')
        .map((f) => {
          const key = findingKey(f);
          const n = (seen.get(key) ?? 0) + 1;
          seen.set(key, n);
          return [`${key}#${n}`, f] as const;
        }),
    );
  };
  const was = counted(before);
  const now = counted(after);
  const findings: FindingChange[] = [];
  for (const [key, f] of now) {
    const old = was.get(key);
    findings.push({
      key,
      title: f.title,
      ...(f.messages?.title ? { titleMessage: f.messages.title } : {}),
      step: f.step,
      hop: f.hop,
      before: old?.severity ?? null,
      after: f.severity,
      change: old ? 'still failing' : 'new',
    });
  }
  for (const [key, f] of was)
    if (!now.has(key))
      findings.push({
        key,
        title: f.title,
        ...(f.messages?.title ? { titleMessage: f.messages.title } : {}),
        step: f.step,
        hop: f.hop,
        before: f.severity,
        after: null,
        change: 'fixed',
      });
  const order: Record<FindingChange['change'], number> = { new: 0, 'still failing': 1, fixed: 2 };
  findings.sort((x, y) => order[x.change] - order[y.change] || x.step - y.step);

  const counts = { fixed: 0, new: 0, 'still failing': 0 };
  for (const f of findings) counts[f.change] += 1;
  const side = (d: Diagnosis): DiffSide => ({
    takenAt: d.takenAt,
    verdict: d.summary.verdict,
    sentence: d.summary.sentence,
    ...(d.summary.message ? { message: d.summary.message } : {}),
  });
  return { before: side(before), after: side(after), hops, findings, counts };
}
