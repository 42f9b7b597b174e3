// The thumbnail worker: decoding, scaling and sealing happen off the page's
// thread, so a large photo does not freeze the list (the image's plaintext
// reaches this worker as the user's own File, never over the network).
// Loaded as `new Worker(new URL('./thumbnail-worker.ts', import.meta.url), { type: 'module' })`.
import { renderAndSeal, type SealThumbnailRequest } from './seal-in-thread';

type Request = SealThumbnailRequest & { id: number };
export type ThumbnailWorkerResponse = { id: number; ok: true; sealed: Uint8Array } | { id: number; ok: false } | { ready: true };

const scope = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<Request>) => void): void;
  postMessage(message: ThumbnailWorkerResponse, transfer?: Transferable[]): void;
};

scope.addEventListener('message', (event) => {
  const { id, ...request } = event.data;
  renderAndSeal(request).then(
    (sealed) => scope.postMessage({ id, ok: true, sealed }, [sealed.buffer]),
    // Nothing about the image in the answer: the page only needs to know there is no thumbnail.
    () => scope.postMessage({ id, ok: false }),
  );
});
// Posted once the listener is in place: the page sends nothing before it, so
// no request can arrive while the bundle's chunks are still loading, and a
// worker that never loads means sealing in the page, not a hung thumbnail.
scope.postMessage({ ready: true });
