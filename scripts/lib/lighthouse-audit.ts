// One Lighthouse navigation of one page in a browser we already drive, at
// phone width, and the few figures issue 11 asks for out of its report.
// The page is a Puppeteer tab opened over the browser's debugging port, so
// it shares the profile (session cookie, the IndexedDB that holds the device
// key) of whichever browser context it was opened in.
import lighthouse, { type Flags, type Result } from 'lighthouse';
import type { Page } from 'puppeteer-core';

export const CATEGORIES = ['accessibility', 'best-practices', 'performance'] as const;

/** A phone of 390 CSS px (iPhone 12–15 width), at the DPR such phones have. */
export const PHONE = { mobile: true, width: 390, height: 844, deviceScaleFactor: 3, disabled: false } as const;

const FLAGS: Flags = {
  formFactor: 'mobile',
  screenEmulation: PHONE,
  onlyCategories: [...CATEGORIES],
  output: 'json',
  logLevel: 'error',
  // The default reset clears the origin's IndexedDB, and with it the device
  // key that keeps the vault unlocked across a load (lib/client/account/device-store.ts).
  disableStorageReset: true,
};

export interface FailingAudit {
  id: string;
  title: string;
  category: string;
  score: number | null;
}

export interface PageFigures {
  page: string;
  url: string;
  finalUrl: string;
  accessibility: number | null;
  bestPractices: number | null;
  performance: number | null;
  cls: number | null;
  failing: FailingAudit[];
  runWarnings: string[];
}

const score = (lhr: Result, id: string) => {
  const value = lhr.categories[id]?.score;
  return value === null || value === undefined ? null : Math.round(value * 100);
};

/**
 * Audits that count against the accessibility and best-practices scores and
 * did not pass (performance's metric audits are timings, not faults, and
 * would fill the list on any throttled run; CLS is reported as a number).
 */
export function failingAudits(lhr: Result): FailingAudit[] {
  const out: FailingAudit[] = [];
  for (const category of ['accessibility', 'best-practices']) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight === 0) continue;
      if (audit.scoreDisplayMode !== 'binary' && audit.scoreDisplayMode !== 'numeric') continue;
      if (audit.score !== null && audit.score >= 0.9) continue;
      out.push({ id: audit.id, title: audit.title, category, score: audit.score });
    }
  }
  return out;
}

export function figures(name: string, url: string, lhr: Result): PageFigures {
  const cls = lhr.audits['cumulative-layout-shift']?.numericValue;
  return {
    page: name, url, finalUrl: lhr.finalDisplayedUrl,
    accessibility: score(lhr, 'accessibility'), bestPractices: score(lhr, 'best-practices'), performance: score(lhr, 'performance'),
    cls: cls === undefined ? null : Math.round(cls * 1000) / 1000,
    failing: failingAudits(lhr), runWarnings: lhr.runWarnings,
  };
}

/** Lighthouse's last frame of the load, a JPEG (what it saw when it stopped). */
export function finalScreenshot(lhr: Result): Buffer | undefined {
  const details = lhr.audits['final-screenshot']?.details;
  if (!details || details.type !== 'screenshot') return undefined;
  return Buffer.from(details.data.replace(/^data:image\/\w+;base64,/, ''), 'base64');
}

export async function auditPage(page: Page, url: string): Promise<Result> {
  const result = await lighthouse(url, FLAGS, undefined, page);
  if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
  return result.lhr;
}
