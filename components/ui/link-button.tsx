import Link from 'next/link';
import type { ReactNode } from 'react';

const variants = {
  primary: 'bg-indigo-700 text-white hover:bg-indigo-800 focus-visible:outline-indigo-700',
  secondary: 'bg-white text-slate-900 ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-slate-700',
} as const;

export function LinkButton({ href, variant = 'primary', children }: { href: string; variant?: keyof typeof variants; children: ReactNode }) {
  return (
    <Link
      href={href}
      className={`inline-flex items-center justify-center rounded-lg px-5 py-2.5 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 ${variants[variant]}`}
    >
      {children}
    </Link>
  );
}
