import { SiteHeader } from '@/components/site-header';
import { currentSession } from '@/lib/server/auth/session';
import { LinkButton } from '@/components/ui/link-button';
import { LayersList } from '@/components/landing/layers-list';
import { getServerEnv } from '@/lib/server/env';

export default async function Home() {
  const signedIn = Boolean(await currentSession());
  return (
    <>
      <SiteHeader signedIn={signedIn} />
      <main className="mx-auto max-w-5xl px-6 py-16">
        <section aria-labelledby="hero-title" className="max-w-3xl">
          <h1 id="hero-title" className="text-4xl font-bold tracking-tight text-slate-950 sm:text-5xl">
            An end-to-end encrypted vault for your files.
          </h1>
          <p className="mt-5 text-lg leading-8 text-slate-700">
            Twofold keeps your private files private twice over: your browser encrypts them, and the storage bucket
            encrypts them again. Share with people you trust, or with anyone through a link whose key never touches our
            server.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            {signedIn ? (
              <LinkButton href="/vault">Open your vault</LinkButton>
            ) : (
              <>
                <LinkButton href="/sign-up">Create an account</LinkButton>
                <LinkButton href="/sign-in" variant="secondary">Sign in</LinkButton>
              </>
            )}
          </div>
        </section>

        <section aria-labelledby="layers-title" className="mt-16">
          <h2 id="layers-title" className="text-2xl font-semibold text-slate-950">Two layers of encryption</h2>
          <LayersList mode={getServerEnv().SSE_MODE} />
        </section>

        <section aria-labelledby="server-title" className="mt-16 rounded-xl bg-slate-900 p-8 text-slate-100">
          <h2 id="server-title" className="text-xl font-semibold">What our server can see</h2>
          <p className="mt-2 text-sm leading-6 text-slate-300">
            Sizes, dates and which account owns which encrypted blob. Never your password, your keys, your file names or
            a byte of your files. The server signs short-lived upload links and keeps encrypted metadata, nothing more.
          </p>
          <p className="mt-4 text-sm">
            <a href="/status" className="font-semibold text-indigo-300 underline hover:text-indigo-200">
              Check the live storage encryption status →
            </a>
          </p>
        </section>
      </main>
    </>
  );
}
