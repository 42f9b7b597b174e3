/** Long work (key derivation): an indeterminate progress bar plus a live status line. */
export function WorkingStatus({ message }: { message: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-2 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900">
      <p>{message}</p>
      <div role="progressbar" aria-label={message} aria-busy="true" className="h-1.5 overflow-hidden rounded bg-indigo-100">
        <div className="h-full w-1/3 animate-pulse rounded bg-indigo-600" />
      </div>
    </div>
  );
}

/** A determinate bar: role=progressbar with the value in percent, named by `label`. */
export function ProgressBar({ label, value, max, valueText }: { label: string; value: number; max: number; valueText?: string }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText ?? `${percent}%`}
      className="h-2 overflow-hidden rounded bg-slate-200"
    >
      <div className="h-full rounded bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
    </div>
  );
}
