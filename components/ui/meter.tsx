const tones = { good: 'bg-emerald-600', warn: 'bg-amber-500', bad: 'bg-rose-600' } as const;

/**
 * A gauge of a known range, as role=meter. By default it turns amber then red
 * as it fills (storage used); a gauge where fuller is better passes its `tone`.
 */
export function Meter({ label, value, max, valueText, tone: given }: { label: string; value: number; max: number; valueText: string; tone?: keyof typeof tones }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  const tone = tones[given ?? (ratio > 0.95 ? 'bad' : ratio > 0.8 ? 'warn' : 'good')];
  return (
    <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={valueText} className="h-2.5 overflow-hidden rounded bg-slate-200">
      <div className={`h-full rounded ${tone}`} style={{ width: `${Math.max(ratio * 100, value > 0 ? 1 : 0)}%` }} />
    </div>
  );
}
