// The Content-Security-Policy of every page: scripts only from this origin or with the page's
// nonce (Next applies it to its own scripts; the layout to the theme script), no plugins,
// requests only back to this origin. No framing, except embeds by the origins the operator lists
// (HOPSCOPE_EMBED_ORIGINS). Inline style attributes stay allowed: the charts position their parts
// with them.
export function contentSecurityPolicy(
  nonce: string,
  development = false,
  frameAncestors = "'none'",
): string {
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
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/**
 * The `frame-ancestors` source list for embeds: HOPSCOPE_EMBED_ORIGINS, space- or comma-separated
 * origins (`https://wiki.example.com`, `https://*.example.com`); `'none'` when unset. Anything
 * that is not an http(s) origin is refused at start rather than widening the policy.
 */
export function embedFrameAncestors(env: Record<string, string | undefined> = process.env): string {
  const listed = (env.HOPSCOPE_EMBED_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean);
  if (listed.length === 0) return "'none'";
  for (const origin of listed)
    if (!/^https?:\/\/(\*\.)?[a-z0-9.-]+(:[0-9]{1,5})?$/i.test(origin))
      throw new Error(
        `HOPSCOPE_EMBED_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path)`,
      );
  return listed.join(' ');
}
