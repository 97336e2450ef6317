// Errors the public API turns into 4xx answers with a plain message. Anything else is a 500
// whose details stay in the server log.

export type RequestErrorKind = 'bad-request' | 'not-found' | 'unknown-cluster' | 'not-configured';

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
    if (this.kind === 'not-configured') return 503;
    return this.kind === 'not-found' ? 404 : 400;
  }
}
