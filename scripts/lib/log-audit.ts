// What the app's and MinIO's logs must never contain (npm test audits both
// after the e2e run; see [Note: structured logs] in lib/server/log/logger.ts).
// Pure over the text, so tests/unit/log-audit.test.ts shows each rule bite.

const SIGNATURE_PARTS = ['X-Amz-Signature=', 'X-Amz-Credential='];
// A V8 stack frame: "    at fn (file.js:12:34)". Stacks never go to the log
// as plain text; a server fault is one JSON line at level error.
const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)/;
// next-auth's cookies (any prefix) and a raw Cookie header.
const COOKIE = /(session-token|csrf-token|callback-url)=|\bcookie:\s*\S/i;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PINO_ERROR = 50;

interface JsonLine {
  level?: unknown;
  stack?: unknown;
  err?: { stack?: unknown };
  route?: unknown;
  url?: unknown;
}

function parseJsonLine(line: string): JsonLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as JsonLine) : undefined;
  } catch {
    return undefined;
  }
}

function jsonLineProblems(entry: JsonLine): string[] {
  const problems: string[] = [];
  const level = typeof entry.level === 'number' ? entry.level : 0;
  if ((entry.stack !== undefined || entry.err?.stack !== undefined) && level < PINO_ERROR) problems.push('a stack below level error');
  for (const field of ['route', 'url'] as const) {
    const value = entry[field];
    if (typeof value !== 'string') continue;
    if (/[?#]/.test(value)) problems.push(`a query string or fragment in ${field}`);
    if (UUID.test(value)) problems.push(`a concrete id in ${field} (want the route template)`);
  }
  return problems;
}

/** Problems in one log's text, each with its 1-based line number; secrets are named by index, never quoted. */
export function auditLogText(text: string, secretValues: string[]): string[] {
  const problems: string[] = [];
  const secrets = secretValues.filter(Boolean);
  text.split('\n').forEach((line, index) => {
    const at = `line ${index + 1}`;
    secrets.forEach((secret, i) => {
      if (line.includes(secret)) problems.push(`${at}: secret #${i}`);
    });
    for (const part of SIGNATURE_PARTS) if (line.includes(part)) problems.push(`${at}: ${part}`);
    if (STACK_FRAME.test(line)) problems.push(`${at}: a plain-text stack frame`);
    if (COOKIE.test(line)) problems.push(`${at}: a cookie`);
    const entry = parseJsonLine(line);
    if (entry) for (const problem of jsonLineProblems(entry)) problems.push(`${at}: ${problem}`);
  });
  return problems;
}
