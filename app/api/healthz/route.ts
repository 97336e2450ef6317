// GET /api/healthz — the process answers (a liveness probe). Needs no credentials and says
// nothing about the clusters.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
}
