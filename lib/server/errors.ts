// Errors the public API turns into 4xx answers with a plain message. Anything else is a 500
// whose details stay in the server log.

export type RequestErrorKind =
  | 'bad-request'
  | 'not-found'
  | 'unknown-cluster'
  | 'not-configured'
  | 'too-large'
  | 'unsupported-media-type'
  | 'forbidden'
  | 'unavailable';

export class RequestError extends Error {
  constructor(
    readonly kind: RequestErrorKind,
    message: string,
    readonly details: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RequestError';
  }

  get status(): number {
    const statuses: Record<RequestErrorKind, number> = {
      'bad-request': 400,
      'not-found': 404,
      'unknown-cluster': 400,
      'not-configured': 503,
      'too-large': 413,
      'unsupported-media-type': 415,
      forbidden: 403,
      unavailable: 503,
    };
    return statuses[this.kind];
  }
}
