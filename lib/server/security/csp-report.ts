import 'server-only';

// [Note: violation reports] Browsers POST a report for every blocked script,
// style or connection. The log line says which directive and where, and
// nothing a user typed or decrypted: no query string or fragment (a link's
// key travels after '#'), only the origin of a blocked URL, and never the
// script sample (the first 40 characters of a blocked inline script, which
// could be a decrypted file name an attacker smuggled in).

export const CSP_REPORT_PATH = '/api/csp-report';
export const MAX_REPORT_BYTES = 64 * 1024;

export interface Violation {
  directive: string;
  blocked: string;
  documentPath: string;
  sourcePath?: string;
  line?: number;
  disposition: string;
}

const text = (value: unknown, max = 200): string | undefined => (typeof value === 'string' && value.length > 0 ? value.slice(0, max) : undefined);
const int = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined);

/** Path only: no query, no fragment, no credentials. */
function pathOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).pathname.slice(0, 200);
  } catch {
    return '';
  }
}

/** 'inline', 'eval', 'wasm-eval', 'data', … stay as they are; a URL keeps its origin only. */
function blockedOf(value: string | undefined): string {
  if (!value) return '';
  if (/^[a-z-]+$/.test(value)) return value;
  try {
    const url = new URL(value);
    return url.origin === 'null' ? url.protocol.replace(':', '') : url.origin;
  } catch {
    return 'unparseable';
  }
}

function fromLegacy(body: Record<string, unknown>): Violation {
  return {
    directive: text(body['effective-directive'], 64) ?? text(body['violated-directive'], 64)?.split(' ')[0] ?? 'unknown',
    blocked: blockedOf(text(body['blocked-uri'], 2048)),
    documentPath: pathOf(text(body['document-uri'], 2048)),
    sourcePath: pathOf(text(body['source-file'], 2048)) || undefined,
    line: int(body['line-number']),
    disposition: text(body.disposition, 16) ?? 'enforce',
  };
}

function fromReportingApi(body: Record<string, unknown>): Violation {
  return {
    directive: text(body.effectiveDirective, 64) ?? 'unknown',
    blocked: blockedOf(text(body.blockedURL, 2048)),
    documentPath: pathOf(text(body.documentURL, 2048)),
    sourcePath: pathOf(text(body.sourceFile, 2048)) || undefined,
    line: int(body.lineNumber),
    disposition: text(body.disposition, 16) ?? 'enforce',
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The violations in a report body (application/csp-report or
 * application/reports+json), or undefined when it is neither.
 */
export function parseViolations(json: unknown): Violation[] | undefined {
  if (isRecord(json) && isRecord(json['csp-report'])) return [fromLegacy(json['csp-report'])];
  if (Array.isArray(json)) {
    const reports = json.filter((r): r is Record<string, unknown> => isRecord(r) && r.type === 'csp-violation' && isRecord(r.body));
    if (reports.length === 0 && json.length > 0) return undefined;
    return reports.slice(0, 20).map((r) => fromReportingApi(r.body as Record<string, unknown>));
  }
  return undefined;
}

/**
 * A fixed-window budget per client and in total, in this process: reports
 * cost a log line each, and anyone can send them, so a flood must not fill
 * the operator's disk. Losing reports past the budget is acceptable; they
 * are diagnostics, not an audit trail.
 */
export class ReportBudget {
  private windowStart = 0;
  private total = 0;
  private readonly perClient = new Map<string, number>();

  constructor(private readonly perClientLimit = 30, private readonly totalLimit = 300, private readonly windowMs = 60_000) {}

  take(client: string, now = Date.now()): boolean {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.total = 0;
      this.perClient.clear();
    }
    const used = this.perClient.get(client) ?? 0;
    if (used >= this.perClientLimit || this.total >= this.totalLimit) return false;
    this.perClient.set(client, used + 1);
    this.total += 1;
    return true;
  }
}
