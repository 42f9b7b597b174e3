/**
 * Picks the word form for `count` by the locale's plural rules (Intl.PluralRules),
 * so no caller writes `n === 1 ? … : …`: that test is wrong for 0 in French,
 * for 21 in Russian, and for every category English lacks. `#` in the chosen
 * form becomes the count, as in ICU MessageFormat: plural(3, { one: '# file', other: '# files' }).
 * A category the caller did not give (few, many…) falls back to `other`.
 */
export type PluralForms = { one: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

// PluralRules and NumberFormat are costly to build and safe to share: one per locale.
const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

function cached<T>(map: Map<string, T>, locale: string, make: () => T): T {
  let value = map.get(locale);
  if (!value) map.set(locale, (value = make()));
  return value;
}

export function plural(count: number, forms: PluralForms, locale = 'en'): string {
  if (!Number.isFinite(count)) throw new RangeError(`plural: count must be a finite number, got ${count}`);
  const category = cached(rules, locale, () => new Intl.PluralRules(locale)).select(count);
  const form = forms[category] ?? forms.other;
  return form.includes('#') ? form.replaceAll('#', cached(numbers, locale, () => new Intl.NumberFormat(locale)).format(count)) : form;
}
