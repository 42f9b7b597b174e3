// The expiry choices the owner picks from ("1 hour to 30 days, or never", issue 6).
const HOUR = 3600;
const DAY = 24 * HOUR;

export const EXPIRY_CHOICES: ReadonlyArray<{ value: string; label: string; seconds: number | null }> = [
  { value: '1h', label: '1 hour', seconds: HOUR },
  { value: '1d', label: '1 day', seconds: DAY },
  { value: '7d', label: '7 days', seconds: 7 * DAY },
  { value: '30d', label: '30 days', seconds: 30 * DAY },
  { value: 'never', label: 'Never', seconds: null },
];

export const DEFAULT_EXPIRY = '7d';

export function expirySeconds(value: string): number | null {
  const choice = EXPIRY_CHOICES.find((c) => c.value === value) ?? EXPIRY_CHOICES.find((c) => c.value === DEFAULT_EXPIRY)!;
  return choice.seconds;
}

/** Empty means no limit; anything else must be a whole number from 1 up. */
export function parseMaxDownloads(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const n = Number(trimmed);
  return n >= 1 && n <= 10_000 ? n : 'invalid';
}
