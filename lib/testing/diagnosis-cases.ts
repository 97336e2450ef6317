// The shape of a check test case: break one thing in a snapshot, then say which codes, hop
// verdicts, answer and (where a case pins one) whole findings a correct diagnosis gives.
// Typed by the vocabulary, so a case cannot name a code, hop or verdict that does not exist.
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { FindingCode } from '@/lib/model/catalogue';
import type { Finding } from '@/lib/model/finding';
import type { HopKind } from '@/lib/model/hops';
import type { Snapshot } from '@/lib/model/snapshot';
import type { Verdict } from '@/lib/model/verdict';

/** A hop (`endpoints`) or one member of it (`node/worker-2`). */
export type HopKey = HopKind | `${HopKind}/${string}`;

export interface DiagnosisCase {
  name: string;
  snapshot: () => Snapshot;
  /** Every code reported, with repeats, in any order. */
  codes: FindingCode[];
  hops: Partial<Record<HopKey, Verdict>>;
  answer?: HopKind;
  /** Findings asserted whole: the diagnosis reports each exactly so. */
  findings?: Finding[];
}

export function hopVerdict(d: Diagnosis, key: HopKey): Verdict | undefined {
  const [kind, member] = key.split('/');
  const h = d.hops.find((x) => x.kind === kind);
  return member ? h?.members.find((m) => m.id === member)?.verdict : h?.verdict;
}

/**
 * The reported finding with the same code and member as the expected one, in its English words:
 * the messages behind them (for other languages) are checked by the i18n tests.
 */
export function sameFinding(d: Diagnosis, want: Finding): Finding | undefined {
  const f = d.findings.find((x) => x.code === want.code && x.member === want.member);
  return f && englishOnly(f);
}

export function englishOnly(f: Finding): Finding {
  const { messages: _messages, ...rest } = f;
  return {
    ...rest,
    evidence: f.evidence.map((e) => {
      if (e.kind === 'note') {
        const { message: _message, ...note } = e;
        return note;
      }
      if (e.kind === 'query') {
        const { summaryMessage: _summary, ...query } = e;
        return query;
      }
      return e;
    }),
  };
}
