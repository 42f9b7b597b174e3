// Looking for a secret everywhere the operator could see it: the forms it
// could take, every request a browser sent, every row of the e2e database.
import type { Request } from '@playwright/test';
import type { TestContext } from '../../scripts/lib/test-context';
import { withDatabase } from './vault-helpers';

/** The forms a marker or secret could take in transit or at rest. */
export function forms(marker: string | Uint8Array): Buffer[] {
  const raw = typeof marker === 'string' ? Buffer.from(marker, 'utf8') : Buffer.from(marker);
  const text = raw.toString('utf8');
  return [raw, Buffer.from(raw.toString('hex')), Buffer.from(raw.toString('base64').replace(/=+$/, '')), Buffer.from(raw.toString('base64url')),
    Buffer.from(encodeURIComponent(text)), Buffer.from(text.toLowerCase()), Buffer.from(text, 'utf16le')]
    .filter((b, i, all) => b.length > 0 && all.findIndex((o) => o.equals(b)) === i);
}

export function findIn(haystack: Buffer, needles: Buffer[]): boolean {
  return needles.some((n) => haystack.includes(n));
}

/**
 * What went over the wire for each request: the request target (HTTP never
 * sends a fragment, whatever a tool reports as the URL), every header (Referer
 * included) and the body. Returns the requests that contained a needle.
 */
export async function leakingRequests(requests: Request[], needles: Buffer[]): Promise<string[]> {
  const leaks: string[] = [];
  for (const request of requests) {
    const url = new URL(request.url());
    const haystack = Buffer.concat([
      Buffer.from(`${request.method()} ${url.origin}${url.pathname}${url.search}\n${JSON.stringify(await request.allHeaders())}\n`),
      request.postDataBuffer() ?? Buffer.alloc(0),
    ]);
    if (findIn(haystack, needles)) leaks.push(`${request.method()} ${url.pathname}`);
  }
  return leaks;
}

/** Every row of every table of the e2e app's database. */
export async function dumpDatabase(ctx: TestContext): Promise<Record<string, unknown[]>> {
  return withDatabase(ctx, async (client) => {
    const tables = await client.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const out: Record<string, unknown[]> = {};
    for (const t of tables.rows) {
      out[`${t.table_schema}.${t.table_name}`] = (await client.query(`SELECT * FROM "${t.table_schema}"."${t.table_name}"`)).rows;
    }
    return out;
  });
}
