import type { Metadata } from 'next';
import { LinkDownload } from '@/components/link/link-download';
import { SiteHeader } from '@/components/site-header';

// The anonymous download page of a public link (docs/format.md §6.2). The
// secret is in the fragment, which the server never receives; the page
// reads it in the browser. Referrer-Policy: no-referrer comes from
// next.config.ts for every page, and the meta tag below says it again.
export const metadata: Metadata = { title: 'A file shared with you — Twofold', referrer: 'no-referrer', robots: { index: false } };

export default async function Page({ params }: { params: Promise<{ linkId: string }> }) {
  const { linkId } = await params;
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-2xl px-4 py-10 sm:px-6">
        <LinkDownload linkId={linkId} />
      </main>
    </>
  );
}
