// Compares a diagnosis with a scenario's expectation, one line per assertion. An expectation
// that names a hop the path does not have, or a finding code that does not exist, is an error
// (a failed line), never a pass.
import { untranslatedInDiagnosis } from '@/lib/i18n/coverage';
import { isFindingCode } from '@/lib/model/catalogue';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { isHopKind } from '@/lib/model/hops';
import { VERDICTS, type Verdict } from '@/lib/model/verdict';
import type { ScenarioExpectation } from './scenario';

export interface AssertionResult {
  label: string;
  pass: boolean;
  detail: string;
}

function isVerdict(v: string): v is Verdict {
  return (VERDICTS as readonly string[]).includes(v);
}

export function compareExpectation(expect: ScenarioExpectation, d: Diagnosis): AssertionResult[] {
  const out: AssertionResult[] = [];
  for (const [key, want] of Object.entries(expect.hops)) {
    const [kind = '', member] = key.split('/', 2);
    const label = `hop ${key} is ${want}`;
    if (!isHopKind(kind)) {
      out.push({ label, pass: false, detail: `"${kind}" is not a hop kind` });
      continue;
    }
    if (!isVerdict(want)) {
      out.push({ label, pass: false, detail: `"${want}" is not a verdict` });
      continue;
    }
    const hop = d.hops.find((h) => h.kind === kind);
    if (!hop) {
      out.push({
        label,
        pass: false,
        detail: `this path has no ${kind} hop (it has ${d.hops.map((h) => h.kind).join(', ')})`,
      });
      continue;
    }
    if (member) {
      const m = hop.members.find((x) => x.id === member);
      out.push(
        m
          ? { label, pass: m.verdict === want, detail: `got ${m.verdict}` }
          : {
              label,
              pass: false,
              detail: `hop ${kind} has no member ${member} (members: ${hop.members.map((x) => x.id).join(', ') || 'none'})`,
            },
      );
    } else {
      out.push({
        label,
        pass: hop.verdict === want,
        detail: `got ${hop.verdict}${hop.reason ? ` (${hop.reason})` : ''}`,
      });
    }
  }
  const codes = new Set(d.findings.map((f) => f.code));
  for (const code of expect.findings) {
    const label = `finding ${code} present`;
    if (!isFindingCode(code))
      out.push({ label, pass: false, detail: `${code} is not a finding code` });
    else
      out.push({
        label,
        pass: codes.has(code),
        detail: codes.has(code) ? 'present' : `absent (found: ${[...codes].join(', ') || 'none'})`,
      });
  }
  for (const code of expect.absent) {
    const label = `finding ${code} absent`;
    if (!isFindingCode(code))
      out.push({ label, pass: false, detail: `${code} is not a finding code` });
    else
      out.push({
        label,
        pass: !codes.has(code),
        detail: codes.has(code)
          ? `present: ${d.findings.find((f) => f.code === code)?.title}`
          : 'absent',
      });
  }
  if (expect.summaryHop) {
    out.push({
      label: `summary names ${expect.summaryHop}`,
      pass: d.summary.hop === expect.summaryHop,
      detail: `summary: ${d.summary.sentence}`,
    });
  }
  for (const words of expect.summaryIncludes) {
    out.push({
      label: `summary says "${words}"`,
      pass: d.summary.sentence.includes(words),
      detail: `summary: ${d.summary.sentence}`,
    });
  }
  for (const words of expect.summaryExcludes) {
    out.push({
      label: `summary does not say "${words}"`,
      pass: !d.summary.sentence.includes(words),
      detail: `summary: ${d.summary.sentence}`,
    });
  }
  // The same diagnosis read in Chinese: every sentence it says has its translation.
  const untranslated = untranslatedInDiagnosis(d, 'zh');
  out.push({
    label: 'every word of the diagnosis has its Chinese',
    pass: untranslated.length === 0,
    detail:
      untranslated.length === 0 ? 'all translated' : `untranslated: ${untranslated.join(' | ')}`,
  });
  return out;
}
