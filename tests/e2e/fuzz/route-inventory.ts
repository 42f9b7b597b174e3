// Every API route and the HTTP methods it exports, read from app/api itself:
// a route added tomorrow shows up here without anyone listing it, and the
// fuzzer (tests/e2e/route-fuzz.spec.ts) fails until it covers it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const apiDir = fileURLToPath(new URL('../../../app/api', import.meta.url));
const METHOD = HTTP_METHODS.join('|');
// export const GET = …, export async function GET(…), export { auth as GET, auth as POST }
const DIRECT_EXPORT = new RegExp(`export\\s+(?:const|let|(?:async\\s+)?function)\\s+(${METHOD})\\b`, 'g');
const LIST_EXPORT = /export\s*\{([^}]*)\}/g;

function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<HttpMethod>();
  for (const match of source.matchAll(DIRECT_EXPORT)) found.add(match[1] as HttpMethod);
  for (const match of source.matchAll(LIST_EXPORT)) {
    for (const item of match[1]!.split(',')) {
      const name = item.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && (HTTP_METHODS as readonly string[]).includes(name)) found.add(name as HttpMethod);
    }
  }
  return [...found].sort();
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry) ? [path] : [];
  });
}

/** '/api/files/[id]' → ['GET', 'PATCH', 'DELETE'], for every route file under app/api. */
export function apiRouteInventory(): Map<string, HttpMethod[]> {
  const routes = new Map<string, HttpMethod[]>();
  for (const file of routeFiles(apiDir)) {
    const dir = relative(apiDir, join(file, '..')).split(sep).filter(Boolean);
    routes.set(['/api', ...dir].join('/'), exportedMethods(readFileSync(file, 'utf8')));
  }
  return routes;
}
