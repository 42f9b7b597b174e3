import 'server-only';

// [Note: content security policy] Every response carries a policy built
// here; pages get a fresh nonce per request (proxy.ts), which Next.js reads
// back from the request's Content-Security-Policy header and puts on its own
// scripts. The policy is the second line behind React's escaping: if markup
// from a file name, a contact's label or a link page ever reached the DOM as
// HTML, nothing in it could run, load a script or send data anywhere but the
// app and the bucket. docs/threat-model.md ("CSP") says what each directive is for.

export interface CspInput {
  /** Fresh per request (newNonce). */
  nonce: string;
  /** The origin presigned URLs point at: the browser PUTs and GETs ciphertext there. */
  storageOrigin: string;
  /** Same-origin path of the violation report endpoint. */
  reportPath: string;
  /** `next dev` evaluates modules for hot reload; production never gets 'unsafe-eval'. */
  development?: boolean;
}

/** 128 random bits, base64: unguessable, so only scripts the server rendered carry it. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The page policy.
 * - script-src: the nonce plus 'strict-dynamic', so Next's nonced bootstrap
 *   may load its chunks and the crypto worker, while a parser-inserted or
 *   inline script without the nonce (a <script> smuggled into markup, an
 *   onerror= attribute) never runs. 'wasm-unsafe-eval' because OPAQUE
 *   (@serenity-kit/opaque: sign-in, sign-up, password change, recovery) and
 *   Argon2id (hash-wasm: password links) compile WebAssembly; it permits
 *   WebAssembly.compile/instantiate only, not eval or new Function. It is
 *   page-wide because a client-side navigation keeps the first page's policy.
 * - style-src: the one Tailwind stylesheet, and Next's nonced <style>s.
 *   style-src-attr allows style="" attributes, which the progress and usage
 *   bars render on the server (a width); an attribute cannot run script or
 *   fetch anything that img-src/font-src do not already allow.
 * - connect-src: the app and the bucket, nothing else: a script that did run
 *   could not send a key to a third origin. blob: because the page reads
 *   back blobs it made itself (a blob: URL names memory of this document,
 *   no network).
 * - blob: in img/media/frame-src for previews. Workers (the crypto worker,
 *   the download service worker) are same-origin scripts, so worker-src is
 *   'self' without blob:.
 */
export function buildPageCsp({ nonce, storageOrigin, reportPath, development = false }: CspInput): string {
  const directives: string[][] = [
    ['default-src', "'self'"],
    ['script-src', `'nonce-${nonce}'`, "'strict-dynamic'", "'wasm-unsafe-eval'", ...(development ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['connect-src', "'self'", storageOrigin, 'blob:'],
    ['img-src', "'self'", 'blob:', 'data:'],
    ['media-src', "'self'", 'blob:'],
    ['frame-src', "'self'", 'blob:'],
    ['worker-src', "'self'"],
    ['font-src', "'self'"],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'self'"],
    // report-uri, not report-to: Chrome sends report-uri reports at once but
    // batches Reporting API ones for up to a minute, and ignores report-uri
    // when report-to is present. The endpoint accepts both formats.
    ['report-uri', reportPath],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** API answers are JSON: nothing in them may load or run anything, or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
