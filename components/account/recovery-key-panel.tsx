'use client';

import { useState } from 'react';
import { confirmRecoveryKey } from '@/lib/client/account/sensitive-changes';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { WorkingStatus } from '@/components/ui/progress';
import { TextField } from '@/components/ui/text-field';
import { useBusy } from './use-busy';

/**
 * Shows a recovery key once. The user must type its last group back before
 * continuing: a key nobody wrote down is a key nobody has. Continuing tells
 * the server (confirmRecoveryKey); until then the vault keeps asking, and a
 * regenerated key has not replaced the old one.
 */
export function RecoveryKeyPanel({ recoveryKey, email, onConfirmed }: { recoveryKey: string; email: string; onConfirmed: () => void }) {
  const [typed, setTyped] = useState('');
  const [copied, setCopied] = useState(false);
  const { busy, progress, error, run } = useBusy();
  const lastGroup = recoveryKey.split('-').pop() ?? '';
  const confirmed = typed.trim().toUpperCase() === lastGroup;

  const download = () => {
    const text = `Twofold recovery key for ${email}\n\n${recoveryKey}\n\nKeep it somewhere safe and offline. With it you can set a new password if you forget yours;\nwithout your password and this key, your files cannot be recovered by anyone.\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'twofold-recovery-key.txt';
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section aria-labelledby="recovery-title" className="space-y-4">
      <h2 id="recovery-title" className="text-xl font-semibold">Save your recovery key</h2>
      <p className="text-sm text-slate-700">
        This is the only way back in if you forget your password. We cannot reset it for you: we never have your
        password or your keys. It is shown <strong>only this once</strong>.
      </p>
      <p aria-label="Your recovery key" className="select-all rounded-lg border border-slate-300 bg-surface p-4 text-center font-mono text-lg tracking-wider">
        {/* Wrap only between groups, never inside one. */}
        {recoveryKey.split('-').map((group, i) => (
          <span key={i}>{i > 0 ? '-' : ''}<wbr />{group}</span>
        ))}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(recoveryKey).then(() => setCopied(true), () => setCopied(false))}>
          {copied ? 'Copied' : 'Copy recovery key'}
        </Button>
        <Button variant="secondary" onClick={download}>Download as .txt</Button>
      </div>
      <form
        className="space-y-3"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!confirmed) return;
          const done = await run(async (report) => {
            report('Saving…');
            await confirmRecoveryKey(recoveryKey);
            return true;
          });
          if (done) onConfirmed();
        }}
      >
        <TextField
          label="Type the last group of your recovery key"
          hint="The four characters after the last dash, to show you saved it."
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        {error ? <Notice tone="error">{error}</Notice> : null}
        {progress ? <WorkingStatus message={progress} /> : null}
        <Button type="submit" disabled={!confirmed || busy}>I saved my recovery key — continue</Button>
      </form>
    </section>
  );
}
