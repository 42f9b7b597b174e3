import type { ButtonHTMLAttributes } from 'react';

const variants = {
  primary: 'bg-accent text-white hover:bg-accent-strong focus-visible:outline-indigo-700 disabled:bg-indigo-300',
  secondary: 'bg-surface text-slate-900 ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-slate-700 disabled:text-slate-400',
  danger: 'bg-danger text-white hover:bg-danger-strong focus-visible:outline-rose-700 disabled:bg-rose-300',
} as const;

export type ButtonVariant = keyof typeof variants;

/**
 * A touch target of at least 44×44 CSS px on phones (WCAG 2.5.5), whatever
 * padding a call site asks for; from the sm breakpoint up a mouse is likely
 * and 36 px keeps rows compact.
 */
export const TOUCH_TARGET = 'min-h-11 min-w-11 sm:min-h-9 sm:min-w-9';

/** The look of a button, for the elements that act as one without being a <button> (a file picker's <label>, a link). */
export function buttonClass(variant: ButtonVariant = 'primary', className = ''): string {
  return `inline-flex items-center justify-center rounded-lg px-4 py-2 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 ${TOUCH_TARGET} ${variants[variant]} ${className}`;
}

export function Button({ variant = 'primary', className = '', type = 'button', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, `disabled:cursor-not-allowed ${className}`)} {...props} />;
}
