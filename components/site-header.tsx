import Link from 'next/link';

export function SiteHeader({ signedIn = false }: { signedIn?: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center justify-between px-6 py-4">
        <Link href="/" className="text-lg font-bold tracking-tight text-slate-900">
          Twofold
        </Link>
        <ul className="flex items-center gap-5 text-sm font-medium text-slate-700">
          <li><Link href="/status" className="hover:text-slate-950">Status</Link></li>
          {signedIn ? (
            <>
              <li><Link href="/sharing" className="hover:text-slate-950">Sharing</Link></li>
              <li><Link href="/settings" className="hover:text-slate-950">Settings</Link></li>
              <li><Link href="/vault" className="rounded-md bg-indigo-700 px-3 py-1.5 text-white hover:bg-indigo-800">Open vault</Link></li>
            </>
          ) : (
            <>
              <li><Link href="/sign-in" className="hover:text-slate-950">Sign in</Link></li>
              <li><Link href="/sign-up" className="rounded-md bg-indigo-700 px-3 py-1.5 text-white hover:bg-indigo-800">Create account</Link></li>
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}
