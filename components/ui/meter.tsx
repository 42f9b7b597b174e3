/** A gauge of a known range (storage used), as role=meter; turns amber then red as it fills. */
export function Meter({ label, value, max, valueText }: { label: string; value: number; max: number; valueText: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  const tone = ratio > 0.95 ? 'bg-rose-600' : ratio > 0.8 ? 'bg-amber-500' : 'bg-emerald-600';
  return (
    <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={valueText} className="h-2.5 overflow-hidden rounded bg-slate-200">
      <div className={`h-full rounded ${tone}`} style={{ width: `${Math.max(ratio * 100, value > 0 ? 1 : 0)}%` }} />
    </div>
  );
}
