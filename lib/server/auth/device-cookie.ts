import 'server-only';
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { decode } from 'next-auth/jwt';
import { getServerEnv } from '../env';

// [Note: device cookie] OWASP's "device cookie" against lockout abuse: a
// browser that once signed in to an account gets a signed cookie naming that
// account and a random nonce. Sign-in starts that present it are counted per
// device (the nonce) instead of against the account's lockout, so a stranger
// who burns the account's 10 attempts does not lock the owner out; starts
// without it count against the account as before. A device whose own
// attempts fail too often is locked the same way (rate-limit.ts DEVICE_LIMIT).
// The cookie proves nothing but "this browser signed in here before": it
// never replaces the password.

const NAME = 'twofold-device';
const SECURE_NAME = '__Host-twofold-device';
const MAX_AGE_S = 365 * 86_400;
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export interface Device {
  userId: string;
  nonce: string;
}

function macKey(): Buffer {
  // Its own key, derived from NEXTAUTH_SECRET: no new secret to manage, and
  // no way to turn a device MAC into anything next-auth accepts or vice versa.
  return Buffer.from(hkdfSync('sha256', getServerEnv().NEXTAUTH_SECRET, '', 'twofold/v1/device-cookie', 32));
}

function mac(userId: string, nonce: string): Buffer {
  return createHmac('sha256', macKey()).update(`${userId}\0${nonce}`).digest();
}

export function encodeDevice(device: Device): string {
  return `${device.userId}.${device.nonce}.${mac(device.userId, device.nonce).toString('base64url')}`;
}

export function decodeDevice(value: string | undefined): Device | undefined {
  const [userId, nonce, tag, extra] = (value ?? '').split('.');
  if (!userId || !nonce || !tag || extra !== undefined || userId.length > 64 || nonce.length > 64) return undefined;
  const given = Buffer.from(tag, 'base64url');
  const expected = mac(userId, nonce);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, nonce } : undefined;
}

function cookieValue(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The valid device cookie of a request, if any (a forged or foreign one counts as none). */
export function deviceOf(cookieHeader: string | null | undefined): Device | undefined {
  return decodeDevice(cookieValue(cookieHeader, SECURE_NAME) ?? cookieValue(cookieHeader, NAME));
}

/**
 * Wraps next-auth's answer to a sign-in: when it set a session cookie, the
 * browser also gets (or keeps) a device cookie for that account. Reading the
 * new session cookie is the one signal that the OPAQUE finish succeeded.
 */
export async function withDeviceCookie(request: Request, response: Response): Promise<Response> {
  if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/callback/opaque')) return response;
  const issued = response.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=')).find(([name, value]) => SESSION_COOKIES.includes(name!) && value);
  if (!issued) return response;
  const token = await decode({ token: issued.slice(1).join('='), secret: getServerEnv().NEXTAUTH_SECRET }).catch(() => null);
  if (!token?.sub) return response;
  if (deviceOf(request.headers.get('cookie'))?.userId === token.sub) return response;
  const secure = issued[0]!.startsWith('__Secure-');
  const value = encodeDevice({ userId: token.sub, nonce: randomBytes(16).toString('base64url') });
  const attributes = `Path=/; Max-Age=${MAX_AGE_S}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  const headers = new Headers(response.headers);
  headers.append('Set-Cookie', `${secure ? SECURE_NAME : NAME}=${value}; ${attributes}`);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
