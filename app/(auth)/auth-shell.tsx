import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';

/** The signed-out pages' frame: header, title, one narrow column. */
export function AuthShell({ title, intro, children }: { title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-6 py-12">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        <p className="mt-2 text-sm text-slate-700">{intro}</p>
        <div className="mt-6 rounded-xl border border-slate-200 bg-surface p-6 shadow-sm">{children}</div>
      </main>
    </>
  );
}
