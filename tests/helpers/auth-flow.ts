// Signing up, in and out in-process through the real route handlers,
// next-auth's included, with a small cookie jar per "browser". Real OPAQUE
// and a real database; nothing is mocked. Call after useAppEnv (with
// NEXTAUTH_URL set) so the handlers see the test stack.
import { inRequestScope } from './request-scope';
import * as opaque from '@serenity-kit/opaque';
import { NextRequest } from 'next/server';
import { clientFinishLogin, clientSignUp } from './account-client';
import { callRoute } from './route-call';
import { GET as authGet, POST as authPost } from '@/app/api/auth/[...nextauth]/route';
import { POST as loginStart } from '@/app/api/login/start/route';
import { POST as registerFinish } from '@/app/api/register/finish/route';
import { POST as registerStart } from '@/app/api/register/start/route';

/** One browser: its cookies and the headers it sends (User-Agent, X-Forwarded-For). */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly headers: Record<string, string> = {}) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  absorb(response: { headers: Headers }): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value.join('=') === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
  }

  /** A copy of this browser's cookies in another "browser", as a thief would have them. */
  clone(): Browser {
    const copy = new Browser({ ...this.headers });
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    return copy;
  }

  get session(): string {
    return `next-auth.session-token=${this.cookies.get('next-auth.session-token') ?? ''}`;
  }
}

/** Calls next-auth's catch-all route like Next.js does (it needs a NextRequest). */
export async function callAuth(browser: Browser, method: 'GET' | 'POST', action: string[], form?: Record<string, string>) {
  const path = `/api/auth/${action.join('/')}`;
  const headers: Record<string, string> = { ...browser.headers, cookie: browser.cookieHeader() };
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const request = new NextRequest(`http://localhost${path}`, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
  const handler = method === 'GET' ? authGet : authPost;
  const response = await inRequestScope(request, path, () => handler(request, { params: Promise.resolve({ nextauth: action }) }));
  browser.absorb(response);
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined, headers: response.headers };
}

async function csrfToken(browser: Browser): Promise<string> {
  return (await callAuth(browser, 'GET', ['csrf'])).body!.csrfToken as string;
}

export async function signUp(email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const signup = await clientSignUp(password, async (registrationRequest) => {
    const res = await callRoute(registerStart, 'POST', '/api/register/start', { body: { email, registrationRequest }, headers });
    if (res.status !== 200) throw new Error(`register/start answered ${res.status}`);
    return res.body as never;
  });
  const done = await callRoute(registerFinish, 'POST', '/api/register/finish', { body: signup.finish });
  if (done.status !== 200) throw new Error(`register/finish answered ${done.status}`);
  return signup.userId;
}

/** Step 1 only, as an attacker guessing passwords does (the client gives up after a wrong guess). */
export async function startLogin(browser: Browser, email: string, password: string) {
  const start = opaque.client.startLogin({ password });
  const res = await callRoute(loginStart, 'POST', '/api/login/start', {
    body: { email, startLoginRequest: start.startLoginRequest }, headers: { ...browser.headers, cookie: browser.cookieHeader() },
  });
  return { ...res, clientLoginState: start.clientLoginState };
}

/** Both steps, like the sign-in form; returns the login/start status and whether a session cookie arrived. */
export async function signIn(browser: Browser, email: string, password: string): Promise<{ startStatus: number; signedIn: boolean }> {
  const started = await startLogin(browser, email, password);
  if (started.status !== 200) return { startStatus: started.status, signedIn: false };
  const body = started.body as { loginId: string; loginResponse: string };
  const finished = clientFinishLogin(started.clientLoginState, body.loginResponse, password);
  if (!finished) return { startStatus: 200, signedIn: false };
  await callAuth(browser, 'POST', ['callback', 'opaque'], {
    csrfToken: await csrfToken(browser), loginId: body.loginId, finishLoginRequest: finished.finishLoginRequest, json: 'true',
  });
  return { startStatus: 200, signedIn: browser.cookies.has('next-auth.session-token') };
}

/** What the Sign out button does: next-auth's signOut() posts here. */
export async function signOut(browser: Browser) {
  return callAuth(browser, 'POST', ['signout'], { csrfToken: await csrfToken(browser), json: 'true' });
}

export async function uniqueEmail(tag: string): Promise<string> {
  return `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}
