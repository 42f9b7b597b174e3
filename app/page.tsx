import { SiteHeader } from '@/components/site-header';
import { currentSession } from '@/lib/server/auth/session';
import { LinkButton } from '@/components/ui/link-button';

const layers = [
  {
    step: 'Layer 1',
    title: 'Your browser encrypts',
    body: 'Before a byte leaves your device, your browser encrypts the file and its name with a fresh key (chunked AES-256-GCM). Your password and keys never reach our server; it only ever sees ciphertext.',
  },
  {
    step: 'Layer 2',
    title: 'The bucket encrypts again',
    body: 'The ciphertext goes straight to S3-compatible storage, which encrypts it once more at rest with SSE-KMS, under a KMS key the operator controls. Two independent layers, shown for every file.',
  },
];

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
          <ol className="mt-6 grid gap-6 sm:grid-cols-2">
            {layers.map((layer) => (
              <li key={layer.step} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
                <p className="text-sm font-semibold uppercase tracking-wide text-indigo-700">{layer.step}</p>
                <h3 className="mt-1 text-lg font-semibold text-slate-950">{layer.title}</h3>
                <p className="mt-2 text-sm leading-6 text-slate-700">{layer.body}</p>
              </li>
            ))}
          </ol>
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
