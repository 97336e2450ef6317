// The Content-Security-Policy of every page: scripts only from this origin or with the page's
// nonce (Next applies it to its own scripts; the layout to the theme script), no framing, no
// plugins, requests only back to this origin. Inline style attributes stay allowed: the charts
// position their parts with them.
export function contentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
