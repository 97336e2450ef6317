// GET /badge/d/<id>.svg (or .json, shields.io endpoint) — the verdict of a frozen diagnosis.
import { badgeFile, frozenBadge } from '@/lib/server/badges';

export const dynamic = 'force-dynamic';

export async function GET(_r: Request, { params }: { params: Promise<{ id: string }> }) {
  const f = badgeFile((await params).id);
  if (!f) return new Response('not a badge: ask for <id>.svg or <id>.json', { status: 404 });
  return frozenBadge(f.stem, f.format);
}
