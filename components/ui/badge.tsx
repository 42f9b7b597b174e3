import type { ReactNode } from 'react';

const tones = {
  good: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  bad: 'bg-rose-100 text-rose-900 ring-rose-300',
  neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
} as const;

export function Badge({ tone, children }: { tone: keyof typeof tones; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${tones[tone]}`}>{children}</span>;
}
