// GET /badge/d/<id>/step-<n>.svg (or .json) — the verdict of one step of a frozen diagnosis.
import type { StepId } from '@/lib/model/hops';
import { badgeFile, frozenBadge } from '@/lib/server/badges';

export const dynamic = 'force-dynamic';

export async function GET(
  _r: Request,
  { params }: { params: Promise<{ id: string; file: string }> },
) {
  const { id, file } = await params;
  const f = badgeFile(file);
  const step = f && /^step-([1-6])$/.exec(f.stem);
  if (!f || !step)
    return new Response('not a badge: ask for step-<1-6>.svg or .json', { status: 404 });
  return frozenBadge(id, f.format, Number(step[1]) as StepId);
}
