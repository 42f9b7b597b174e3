import Link from 'next/link';

// Every link is a 44 px touch target on phones (min-h-11, TOUCH_TARGET in components/ui/button).
const link = 'inline-flex min-h-11 items-center rounded-md px-1 hover:text-slate-950 sm:min-h-9';
const cta = 'inline-flex min-h-11 items-center whitespace-nowrap rounded-md bg-accent px-3 text-white hover:bg-accent-strong sm:min-h-9';

export function SiteHeader({ signedIn = false }: { signedIn?: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-surface">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-1 px-4 py-2 sm:px-6 sm:py-4">
        <Link href="/" className="inline-flex min-h-11 items-center text-lg font-bold tracking-tight text-slate-900 sm:min-h-9">
          Twofold
        </Link>
        <ul className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm font-medium text-slate-700 sm:gap-x-4">
          <li><Link href="/status" className={link}>Status</Link></li>
          {signedIn ? (
            <>
              <li><Link href="/sharing" className={link}>Sharing</Link></li>
              <li><Link href="/settings" className={link}>Settings</Link></li>
              <li><Link href="/vault" className={cta}>Open vault</Link></li>
            </>
          ) : (
            <>
              <li><Link href="/sign-in" className={link}>Sign in</Link></li>
              <li><Link href="/sign-up" className={cta}>Create account</Link></li>
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}
