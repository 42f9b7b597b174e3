import 'server-only';

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The client's address for per-IP rate limits. Next.js fills X-Forwarded-For
 * with the socket address when the header is absent; a reverse proxy appends
 * the address it saw, so the last entry is the one the nearest hop vouches for.
 * Behind no proxy a client can send its own header: deployments facing the
 * internet must put a proxy in front that overwrites it (docs/accounts.md).
 */
export function clientIp(headers: HeaderSource): string {
  const forwarded = header(headers, 'x-forwarded-for');
  const last = forwarded?.split(',').map((part) => part.trim()).filter(Boolean).pop();
  return (last ?? header(headers, 'x-real-ip') ?? 'unknown').slice(0, 64);
}
