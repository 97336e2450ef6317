// What of a diagnosis the reader would see untranslated in a locale: the keys of its messages
// without a translation, and any finding, hop or change that carries English only.
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { Message } from './message';
import type { Locale } from './locale';
import { untranslatedKeys } from './translate';

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
    for (const e of f.evidence) if (e.kind === 'note' && e.message) check(e.message, 'note');
  }
  for (const h of d.hops) {
    check(h.messages?.detail, `hop ${h.kind}`);
    if (h.reason) check(h.messages?.reason, `reason of hop ${h.kind}`);
  }
  for (const s of d.steps) if (s.reason) check(s.reasonMessage, `reason of step ${s.id}`);
  for (const c of d.changes ?? []) check(c.message, `change of ${c.object}`);
  return [...out];
}
