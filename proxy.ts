// Runs before every route but static assets: decides who may ask (lib/server/auth), refuses the
// rest with a plain reason, and gives each page a fresh CSP nonce for its inline theme script.
import { NextResponse, type NextRequest } from 'next/server';
import { authenticate, TOKEN_COOKIE } from '@/lib/server/auth/authenticate';
import { readAuthSettings } from '@/lib/server/auth/settings';
import { contentSecurityPolicy, embedFrameAncestors } from '@/lib/server/auth/csp';
import { isCapabilityRoute, isEmbedRoute } from '@/lib/server/auth/capability-routes';
import { queryToPath } from '@/lib/client/query-to-path';

export const config = {
  // /api/bundles authenticates in its route: its bodies (megabytes) are not for the proxy's buffer.
  // The probes /api/healthz and /api/readyz need no credentials: the kubelet sends none, from a
  // node's address, with the pod's IP as Host; they answer ok or not and name no object.
  matcher: [
    '/((?!_next/static|_next/image|icon.svg|favicon.ico|api/bundles$|api/healthz$|api/readyz$).*)',
  ],
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function plainPage(
  status: number,
  title: string,
  message: string,
  extraHead = '',
  link = '<a href="/">Pick a path</a>',
  frameAncestors = "'none'",
): Response {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hopscope — ${escapeHtml(title)}</title>${extraHead}</head><body><h1>Hopscope</h1><p role="alert">${escapeHtml(message)}</p><p>${link}</p></body></html>`;
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; frame-ancestors ${frameAncestors}`,
      'cache-control': 'no-store',
    },
  });
}

function refusal(request: NextRequest, status: number, message: string): Response {
  if (request.nextUrl.pathname.startsWith('/api/'))
    return Response.json(
      {
        error: message,
        kind: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'unavailable',
      },
      { status, headers: status === 401 ? { 'www-authenticate': 'Bearer' } : {} },
    );
  return plainPage(status, 'not allowed', message);
}

export function proxy(request: NextRequest): Response {
  let decision;
  try {
    decision = authenticate(
      { method: request.method, url: request.nextUrl, headers: request.headers },
      readAuthSettings(),
    );
  } catch (error) {
    return refusal(request, 503, error instanceof Error ? error.message : 'auth is misconfigured');
  }
  const { pathname } = request.nextUrl;
  const embed = isEmbedRoute(pathname);
  let frameAncestors = "'none'";
  try {
    if (embed) frameAncestors = embedFrameAncestors();
  } catch (error) {
    return refusal(
      request,
      503,
      error instanceof Error ? error.message : 'embeds are misconfigured',
    );
  }
  // A frozen diagnosis' id is its own credential: no session needed (an iframe has none).
  if (!decision.ok && decision.status === 401 && isCapabilityRoute(request.method, pathname))
    return withPolicy(request, frameAncestors);
  if (!decision.ok) {
    // A live panel framed by another site cannot send the session cookie: say so, offer a window.
    if (embed && decision.status === 401)
      return plainPage(
        401,
        'open in a new window',
        'This live panel needs your Hopscope session, which a page framed by another site cannot use (browsers block its cookie there). Open it in a new window, or embed a frozen diagnosis instead.',
        '',
        `<a href="${escapeHtml(request.nextUrl.pathname + request.nextUrl.search)}" target="_blank" rel="noopener">Open in a new window</a>`,
        frameAncestors,
      );
    // A link followed from another site carries no SameSite=Strict cookie: one reload from this
    // site does.
    if (decision.reloadSameSite)
      return plainPage(200, 'opening', 'Opening…', '<meta http-equiv="refresh" content="0">');
    return refusal(request, decision.status, decision.message);
  }
  if (decision.setCookieAndRedirect !== undefined) {
    const to = new URL(decision.setCookieAndRedirect, request.nextUrl);
    const response = NextResponse.redirect(to, 303);
    response.cookies.set(TOKEN_COOKIE, request.nextUrl.searchParams.get('token')!, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: request.nextUrl.protocol === 'https:',
    });
    return response;
  }
  if (request.method === 'GET' && request.nextUrl.pathname === '/diagnose') {
    const parsed = queryToPath(Object.fromEntries(request.nextUrl.searchParams));
    if (!parsed.ok)
      return plainPage(
        400,
        'not a path',
        `This link does not describe a path: ${parsed.errors.join('; ')}`,
      );
  }
  return withPolicy(request, frameAncestors);
}

/** Passes the request on with a fresh nonce and the page's Content-Security-Policy. */
function withPolicy(request: NextRequest, frameAncestors: string): Response {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development', frameAncestors);
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}
