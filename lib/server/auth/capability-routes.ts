// Routes whose URL is the credential: a frozen diagnosis' 128-bit id (read it) or its delete key
// (delete it). They need no session, so an embed in another site's iframe — where third-party
// cookies are blocked — and a badge in a chat message work. Host, Origin and proxy-peer checks
// still apply to them.
const ID = '[A-Za-z0-9_-]{22}';
const READS = [
  new RegExp(`^/d/${ID}$`),
  new RegExp(`^/embed/d/${ID}/(summary|topology|step-[1-6])$`),
  new RegExp(`^/badge/d/${ID}(/step-[1-6])?\\.(svg|json)$`),
  new RegExp(`^/api/diagnoses/${ID}$`),
  /^\/api\/diagnoses\/schema\.json$/,
];
const DELETE = new RegExp(`^/api/diagnoses/${ID}$`);

export function isCapabilityRoute(method: string, pathname: string): boolean {
  if (method === 'GET' || method === 'HEAD') return READS.some((r) => r.test(pathname));
  return method === 'DELETE' && DELETE.test(pathname);
}

export const isEmbedRoute = (pathname: string) => pathname.startsWith('/embed/');
