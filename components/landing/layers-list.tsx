import type { SseMode } from '@/lib/shared/sse-mode';

// The landing page's two layers. The second follows the deployment's
// SSE_MODE, so the page never promises an operator-controlled KMS key to
// visitors of an SSE-S3 deployment, where the store manages the keys.
const SECOND_LAYER: Record<SseMode, string> = {
  'aws:kms':
    'The ciphertext goes straight to S3-compatible storage, which encrypts it once more at rest with SSE-KMS, under a KMS key the operator controls. Two independent layers, shown for every file.',
  AES256:
    'The ciphertext goes straight to S3-compatible storage, which encrypts it once more at rest with SSE-S3, under keys the storage service manages. Two independent layers, shown for every file.',
};

export function LayersList({ mode }: { mode: SseMode }) {
  const layers = [
    {
      step: 'Layer 1',
      title: 'Your browser encrypts',
      body: 'Before a byte leaves your device, your browser encrypts the file and its name with a fresh key (chunked AES-256-GCM). Your password and keys never reach our server; it only ever sees ciphertext.',
    },
    { step: 'Layer 2', title: 'The bucket encrypts again', body: SECOND_LAYER[mode] },
  ];
  return (
    <ol className="mt-6 grid gap-6 sm:grid-cols-2">
      {layers.map((layer) => (
        <li key={layer.step} className="rounded-xl border border-slate-200 bg-surface p-6 shadow-sm">
          <p className="text-sm font-semibold uppercase tracking-wide text-indigo-700">{layer.step}</p>
          <h3 className="mt-1 text-lg font-semibold text-slate-950">{layer.title}</h3>
          <p className="mt-2 text-sm leading-6 text-slate-700">{layer.body}</p>
        </li>
      ))}
    </ol>
  );
}
