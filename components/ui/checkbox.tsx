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
      // The button is the 44×44 touch target (TOUCH_TARGET in ./button); the box inside is what shows.
      className={`group inline-flex size-11 shrink-0 items-center justify-center rounded-md focus-visible:outline-2 focus-visible:outline-indigo-700 disabled:opacity-50 sm:size-9 ${className}`}
    >
      <span aria-hidden="true" className="inline-flex size-5 items-center justify-center rounded border border-slate-500 bg-surface text-white group-data-[state=checked]:border-accent group-data-[state=checked]:bg-accent group-data-[state=indeterminate]:border-accent group-data-[state=indeterminate]:bg-accent">
        <RadixCheckbox.Indicator>
          {checked === 'indeterminate' ? <Minus aria-hidden="true" className="size-4" strokeWidth={3} /> : <Check aria-hidden="true" className="size-4" strokeWidth={3} />}
        </RadixCheckbox.Indicator>
      </span>
    </RadixCheckbox.Root>
  );
}
