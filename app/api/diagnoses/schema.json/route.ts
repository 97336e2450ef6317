// GET /api/diagnoses/schema.json — the published JSON Schema of a frozen diagnosis.
import { frozenJsonSchema } from '@/lib/model/frozen-schema';

export const dynamic = 'force-static';

export function GET(): Response {
  return Response.json(frozenJsonSchema(), {
    headers: { 'content-type': 'application/schema+json' },
  });
}
