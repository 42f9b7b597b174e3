import type { ButtonHTMLAttributes } from 'react';

const variants = {
  primary: 'bg-indigo-700 text-white hover:bg-indigo-800 focus-visible:outline-indigo-700 disabled:bg-indigo-300',
  secondary: 'bg-white text-slate-900 ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-slate-700 disabled:text-slate-400',
  danger: 'bg-rose-700 text-white hover:bg-rose-800 focus-visible:outline-rose-700 disabled:bg-rose-300',
} as const;

export function Button({ variant = 'primary', className = '', type = 'button', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center rounded-lg px-4 py-2 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed ${variants[variant]} ${className}`}
      {...props}
    />
  );
}
