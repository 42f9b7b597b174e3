'use client';

// Radix's checkbox: role="checkbox", aria-checked (mixed too), Space toggles,
// focus ring. The click handler is the caller's, so it can read shiftKey.
import * as RadixCheckbox from '@radix-ui/react-checkbox';
import { Check, Minus } from 'lucide-react';
import type { MouseEvent } from 'react';

export function Checkbox({ label, checked, onToggle, disabled, className = '' }: {
  /** The accessible name ("Select report.pdf"). */
  label: string;
  checked: boolean | 'indeterminate';
  onToggle: (event: MouseEvent<HTMLButtonElement>) => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <RadixCheckbox.Root
      aria-label={label}
      checked={checked}
      disabled={disabled}
      // Controlled: the caller decides what the click means (range with shift).
      onClick={(event) => {
        event.preventDefault();
        onToggle(event);
      }}
      className={`inline-flex size-5 shrink-0 items-center justify-center rounded border border-slate-500 bg-white text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 disabled:opacity-50 data-[state=checked]:border-indigo-700 data-[state=checked]:bg-indigo-700 data-[state=indeterminate]:border-indigo-700 data-[state=indeterminate]:bg-indigo-700 ${className}`}
    >
      <RadixCheckbox.Indicator>
        {checked === 'indeterminate' ? <Minus aria-hidden="true" className="size-4" strokeWidth={3} /> : <Check aria-hidden="true" className="size-4" strokeWidth={3} />}
      </RadixCheckbox.Indicator>
    </RadixCheckbox.Root>
  );
}
