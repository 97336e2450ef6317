// GET /api/readyz — this replica can serve: its default cluster's API server and its store
// answer (a readiness probe). 200 or 503, each check named with how long it took and, when it
// failed, the kind of failure (timeout, connection refused…). Needs no credentials, so it names
// no host, context or version; the full reason is in the server's log.
import { readiness } from '@/lib/server/operations/readiness';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const { ready, checks } = await readiness();
  return Response.json(
    { ready, checks },
    { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
