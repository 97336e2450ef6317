// Errors the public API turns into 4xx answers with a plain message. Anything else is a 500
// whose details stay in the server log.

export type RequestErrorKind =
  | 'bad-request'
  | 'not-found'
  | 'unknown-cluster'
  | 'not-configured'
  | 'too-large'
  | 'unsupported-media-type'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'unavailable';

export class RequestError extends Error {
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly kind: RequestErrorKind,
    message: string,
    readonly details: string[] = [],
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
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
      unauthorized: 401,
      forbidden: 403,
      'rate-limited': 429,
      unavailable: 503,
    };
    return statuses[this.kind];
  }
}
