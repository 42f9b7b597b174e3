import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** A labelled input: the label is a real <label>, so tests and screen readers find it by name. */
export function TextField({ label, hint, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <input
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="block min-h-11 w-full rounded-lg border border-slate-300 bg-surface px-3 py-2 text-sm shadow-sm focus:border-indigo-600 sm:min-h-0 focus:outline-none focus:ring-2 focus:ring-indigo-600/30"
        {...props}
      />
      {hint ? <p id={`${id}-hint`} className="text-xs text-slate-600">{hint}</p> : null}
    </div>
  );
}
