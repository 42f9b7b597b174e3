/** One pair's safety number (format.md §7.1), named after the other person on both sides. */
export function SafetyNumber({ withEmail, digits }: { withEmail: string; digits: string }) {
  const label = `Safety number with ${withEmail}`;
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50 p-2">
      <p className="text-xs font-semibold text-slate-700">{label}</p>
      <p aria-label={label} className="font-mono text-sm tracking-wider">{digits}</p>
    </div>
  );
}

/** The recipient's side: folded away until they want to compare. */
export function SafetyNumberDetails({ withEmail, digits }: { withEmail: string; digits: string }) {
  const label = `Safety number with ${withEmail}`;
  return (
    <details className="text-xs text-slate-700">
      <summary className="min-h-11 cursor-pointer content-center sm:min-h-0">{label}</summary>
      <p className="mt-1">{withEmail} sees the same number under &quot;Safety number with&quot; your email. If they match, nobody swapped your keys.</p>
      <p aria-label={label} className="font-mono text-sm tracking-wider">{digits}</p>
    </details>
  );
}
