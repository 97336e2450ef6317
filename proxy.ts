// Runs before every route but static assets: decides who may ask (lib/server/auth), refuses the
// rest with a plain reason, and gives each page a fresh CSP nonce for its inline theme script.
import { NextResponse, type NextRequest } from 'next/server';
import { authenticate, TOKEN_COOKIE } from '@/lib/server/auth/authenticate';
import { readAuthSettings } from '@/lib/server/auth/settings';
import { contentSecurityPolicy } from '@/lib/server/auth/csp';
import { queryToPath } from '@/lib/client/live-link';

export const config = {
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico).*)'],
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function plainPage(status: number, title: string, message: string, extraHead = ''): Response {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hopscope — ${escapeHtml(title)}</title>${extraHead}</head><body><h1>Hopscope</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/">Pick a path</a></p></body></html>`;
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
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
  if (!decision.ok) {
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
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}
