import Link from 'next/link';

export function SiteHeader({ signedIn = false }: { signedIn?: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-4 sm:px-6">
        <Link href="/" className="text-lg font-bold tracking-tight text-slate-900">
          Twofold
        </Link>
        <ul className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm font-medium text-slate-700 sm:gap-x-5">
          <li><Link href="/status" className="hover:text-slate-950">Status</Link></li>
          {signedIn ? (
            <>
              <li><Link href="/sharing" className="hover:text-slate-950">Sharing</Link></li>
              <li><Link href="/settings" className="hover:text-slate-950">Settings</Link></li>
              <li><Link href="/vault" className="whitespace-nowrap rounded-md bg-indigo-700 px-3 py-1.5 text-white hover:bg-indigo-800">Open vault</Link></li>
            </>
          ) : (
            <>
              <li><Link href="/sign-in" className="hover:text-slate-950">Sign in</Link></li>
              <li><Link href="/sign-up" className="whitespace-nowrap rounded-md bg-indigo-700 px-3 py-1.5 text-white hover:bg-indigo-800">Create account</Link></li>
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}
