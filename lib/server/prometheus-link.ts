import 'server-only';
// The Prometheus UI the browser may link charts to. Only an explicitly public address
// (HOPSCOPE_PROMETHEUS_LINK_URL) is ever sent: the server's own query URL can be internal and
// carry credentials, so it never leaves the server. Credentials in the link are dropped too.

export function prometheusLinkFrom(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/$/, '');
}

export function prometheusLink(): string | undefined {
  return prometheusLinkFrom(process.env.HOPSCOPE_PROMETHEUS_LINK_URL);
}
