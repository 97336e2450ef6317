import 'server-only';
// The badge answers for a frozen diagnosis, as SVG or shields.io endpoint JSON. Errors are badges
// too ("not found"), with plain words only: a badge is shown where nobody can read a log.
import { badgeSvg, shieldsEndpoint } from '@/lib/model/badge';
import type { StepId } from '@/lib/model/hops';
import type { Verdict } from '@/lib/model/verdict';
import { RequestError } from './errors';
import { readFrozen } from './frozen-diagnoses';
import { pathTarget } from '@/lib/model/path-text';

function answer(
  format: 'svg' | 'json',
  label: string,
  verdict: Verdict,
  status = 200,
  message: string = verdict,
): Response {
  const headers = { 'cache-control': 'public, max-age=300' };
  if (format === 'json')
    return Response.json(shieldsEndpoint(label, verdict, message), { status, headers });
  return new Response(badgeSvg(label, verdict, message), {
    status,
    headers: { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' },
  });
}

export async function frozenBadge(
  id: string,
  format: 'svg' | 'json',
  step?: StepId,
): Promise<Response> {
  try {
    const frozen = await readFrozen(id);
    const p = frozen.path;
    const target = `${p.namespace}/${pathTarget(p)}`;
    if (step === undefined) return answer(format, target, frozen.diagnosis.summary.verdict);
    const s = frozen.diagnosis.steps.find((x) => x.id === step);
    return answer(format, `${target} step ${step}`, s?.verdict ?? 'unknown');
  } catch (error) {
    if (error instanceof RequestError && error.kind === 'not-found')
      return answer(format, 'hopscope', 'unknown', 404, 'not found');
    console.error('hopscope: badge', error);
    return answer(format, 'hopscope', 'unknown', 500, 'unavailable');
  }
}

/** `<id>.svg` / `<id>.json` → the parts; null when the name is not of that form. */
export function badgeFile(name: string): { stem: string; format: 'svg' | 'json' } | null {
  const m = /^(.+)\.(svg|json)$/.exec(name);
  return m ? { stem: m[1]!, format: m[2] as 'svg' | 'json' } : null;
}
