// A finding: one thing a check saw, with the evidence and what to do about it.
import type { FindingCode } from '@/lib/model/catalogue';
import type { Message } from '@/lib/i18n/message';
import type { HopKind, StepId } from './hops';
import type { SourceIssue } from './snapshot';
import type { Severity } from './verdict';

export type Evidence =
  | { kind: 'object'; ref: string; field: string; value: unknown }
  | { kind: 'source'; issue: SourceIssue }
  /** A PromQL query with its range (Unix seconds) and what its values said. */
  | {
      kind: 'query';
      id: string;
      promql: string;
      start: number;
      end: number;
      step: number;
      summary: string;
      summaryMessage?: Message;
    }
  | { kind: 'note'; text: string; message?: Message };

/** A command line to copy; `destructive` when running it changes the cluster (the UI says so). */
export interface Command {
  text: string;
  destructive: boolean;
}

export interface Remediation {
  text: string;
  commands: Command[];
}

export interface Finding {
  code: FindingCode;
  step: StepId;
  hop: HopKind;
  /** The member of a many-member hop this is about: `pod/shop/web-1`, `node/worker-2`. */
  member?: string;
  severity: Severity;
  title: string;
  evidence: Evidence[];
  /**
   * The objects this finding is about (`node/worker-2`, `pod/web-1`, `ip/10.244.1.7`): a finding
   * is named as the cause of another only when they share one.
   */
  subjects?: string[];
  remediation: Remediation;
  /**
   * The title and remedy as messages, so the page shows them in the reader's language; `title`
   * and `remediation.text` keep the English (older frozen diagnoses carry only those).
   */
  messages?: { title: Message; remedy?: Message };
}
