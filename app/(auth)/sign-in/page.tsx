import { SiteHeader } from '@/components/site-header';

// The zero-knowledge account flows (OPAQUE) arrive with the accounts work;
// until then this entry point says so instead of failing with a 404.
export default function Page() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-6 py-16">
        <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
        <p role="status" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          Accounts are not open yet on this installation. Your password will never leave your browser: sign-in uses the
          OPAQUE protocol, so the server never sees it, not even hashed.
        </p>
      </main>
    </>
  );
}
