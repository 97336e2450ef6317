// What of a diagnosis the reader would see untranslated in a locale: the keys of its messages
// without a translation, and any finding, hop or change that carries English only.
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { Message } from './message';
import type { Locale } from './locale';
import { untranslatedKeys } from './translate';
import './all';

export function untranslatedInDiagnosis(d: Diagnosis, locale: Locale): string[] {
  const out = new Set<string>();
  const check = (m: Message | undefined, what: string) => {
    if (!m) out.add(`${what}: no message`);
    else for (const key of untranslatedKeys(m, locale)) out.add(key);
  };
  check(d.summary.message, 'summary');
  for (const f of d.findings) {
    check(f.messages?.title, `finding ${f.code}`);
    if (f.messages?.remedy) check(f.messages.remedy, `remedy of ${f.code}`);
    for (const e of f.evidence) {
      if (e.kind === 'note' && e.message) check(e.message, 'note');
      if (e.kind === 'query') check(e.summaryMessage, `query ${e.id}`);
    }
  }
  for (const h of d.hops) {
    check(h.messages?.detail, `hop ${h.kind}`);
    if (h.reason) check(h.messages?.reason, `reason of hop ${h.kind}`);
  }
  for (const s of d.steps) {
    if (s.reason) check(s.reasonMessage, `reason of step ${s.id}`);
    for (const c of s.charts) {
      check(c.titleMessage, `chart ${c.id}`);
      if (c.threshold) check(c.threshold.labelMessage, `threshold of chart ${c.id}`);
    }
  }
  for (const c of d.changes ?? []) check(c.message, `change of ${c.object}`);
  for (const s of d.steps) {
    for (const row of s.trace?.rows ?? []) check(row.outcomesMessage, `trace row ${row.label}`);
    if (s.waterfall) check(s.waterfall.basisMessage, 'waterfall');
    for (const row of s.waterfall?.rows ?? [])
      check(row.labelMessage, `waterfall row ${row.label}`);
  }
  return [...out];
}
