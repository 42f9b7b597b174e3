// Web Worker entry: keeps AES-GCM and Argon2id off the UI thread. It only
// forwards messages to worker-protocol.ts (bundle it with
// `new Worker(new URL('@/lib/crypto/worker.ts', import.meta.url), { type: 'module' })`).
import { handleWorkerRequest, WORKER_READY, type WorkerRequest } from './worker-protocol';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  void handleWorkerRequest(event.data).then(({ response, transfer }) => scope.postMessage(response, transfer));
});
// The page waits for this before it starts a download's decryption here, so
// a script that never loads means decrypting on the page, not a stalled download.
scope.postMessage(WORKER_READY);
