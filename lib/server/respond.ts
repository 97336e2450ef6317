import 'server-only';
// JSON answers for route handlers: RequestErrors as 4xx with their message, anything else as a
// 500 with a plain message (details go to the server log, never to the caller).
import { RequestError } from './errors';

export function errorResponse(error: unknown): Response {
  if (error instanceof RequestError) {
    return Response.json(
      { error: error.message, kind: error.kind, details: error.details },
      {
        status: error.status,
        headers:
          error.retryAfterSeconds !== undefined
            ? { 'retry-after': String(error.retryAfterSeconds) }
            : {},
      },
    );
  }
  console.error('hopscope: unexpected error', error);
  return Response.json(
    { error: 'internal error while diagnosing; see the server log', kind: 'internal' },
    { status: 500 },
  );
}
