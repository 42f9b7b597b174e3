'use client';

import { useState } from 'react';
import { useCancellable } from '@/components/hooks/use-cancellable';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { ProgressBar } from '@/components/ui/progress';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import type { VaultFile } from '@/lib/client/files/file-list';
import { formatBytes } from '@/lib/client/files/format';
import { isAbort } from '@/lib/client/files/messages';
import type { TransferProgress } from '@/lib/client/files/net/progress';
import { reencryptErrorMessage, reencryptFile } from '@/lib/client/sharing/reencrypt-file';
import type { ShareJson } from '@/lib/shared/shares';
import { plural } from '@/lib/shared/plural';

export const DOWNLOADED_COPIES_STATEMENT = 'Copies already downloaded cannot be recalled: whoever saved the file keeps it.';

type Phase =
  | { kind: 'confirm' }
  | { kind: 'running'; progress: TransferProgress | null }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string };

/**
 * "Revoke and re-encrypt" for one person (lib/client/sharing/reencrypt-file.ts):
 * a confirmation that says what it does and what it cannot undo, then the
 * re-encryption with a progress bar. Closing the panel (or the dialog) while
 * it runs cancels it, and then nothing changes.
 */
export function ReencryptPanel({ vault, file, share, onClose, onReplaced }: {
  vault: UnlockedVault;
  file: VaultFile;
  share: ShareJson;
  onClose: () => void;
  onReplaced?: (oldId: string, newFile: VaultFile) => void;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'confirm' });
  // Closing the panel (or leaving the page) stops the re-encryption; the stored file stays as it was.
  const { start } = useCancellable();
  const who = share.recipientEmail;
  const title = `Revoke and re-encrypt for ${who}`;

  const run = () => {
    const signal = start();
    setPhase({ kind: 'running', progress: null });
    reencryptFile(vault, file, [share.id], {
      signal,
      onProgress: (progress) => setPhase({ kind: 'running', progress }),
    }).then(
      (result) => {
        const others = result.kept.length === 0 ? 'Nobody else has access.' : `${plural(result.kept.length, { one: 'One other person keeps', other: '# other people keep' })} access under the new key.`;
        setPhase({ kind: 'done', text: `${file.metadata.name} was re-encrypted under a new key and ${who} no longer has access. ${others} ${DOWNLOADED_COPIES_STATEMENT}` });
        onReplaced?.(file.id, result.file);
      },
      (error: unknown) => {
        if (signal.aborted || isAbort(error)) return;
        setPhase({ kind: 'failed', text: reencryptErrorMessage(error) });
      },
    );
  };

  return (
    <section aria-label={title} className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <h4 className="font-semibold">{title}</h4>
      {phase.kind === 'confirm' ? (
        <>
          <ul className="list-disc space-y-1 pl-5">
            <li>This browser downloads {file.metadata.name} ({formatBytes(file.plaintextSize)}), checks it, and encrypts it again under a new key. Keep this tab open until it finishes.</li>
            <li>The old stored copy is deleted, so the old key, which {who} could have kept, opens nothing that is stored.</li>
            <li>Everyone else this file is shared with keeps access: the new key is sealed to them.</li>
            <li>Public links to this file stop working.</li>
            <li>Until it finishes, the file counts twice against your storage.</li>
            <li><strong>{DOWNLOADED_COPIES_STATEMENT}</strong></li>
          </ul>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose} autoFocus>Cancel</Button>
            <Button variant="danger" onClick={run}>Re-encrypt and revoke {who}</Button>
          </div>
        </>
      ) : null}
      {phase.kind === 'running' ? (
        <div className="space-y-2">
          <p role="status">Re-encrypting {file.metadata.name}…</p>
          <ProgressBar
            label={`Re-encrypting ${file.metadata.name}`}
            value={phase.progress?.doneBytes ?? 0}
            max={phase.progress?.totalBytes ?? file.ciphertextSize}
          />
          <div className="flex justify-end"><Button variant="secondary" onClick={onClose}>Cancel</Button></div>
        </div>
      ) : null}
      {phase.kind === 'done' ? (
        <>
          <Notice tone="success">{phase.text}</Notice>
          <div className="flex justify-end"><Button variant="secondary" onClick={onClose}>Done</Button></div>
        </>
      ) : null}
      {phase.kind === 'failed' ? (
        <>
          <Notice tone="error">{phase.text}</Notice>
          <div className="flex justify-end"><Button variant="secondary" onClick={onClose}>Close</Button></div>
        </>
      ) : null}
    </section>
  );
}
