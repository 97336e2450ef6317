// GET /api/clusters — the kubeconfig contexts this server can diagnose (names only).
import { listClusters } from '@/lib/sources/kube/clusters';
import { errorResponse } from '@/lib/server/respond';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  try {
    return Response.json({ clusters: listClusters() });
  } catch (error) {
    return errorResponse(error);
  }
}
