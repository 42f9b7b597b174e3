'use client';

import { useEffect, useState } from 'react';
import { identityFingerprintDigits } from '@/lib/crypto/fingerprint';
import { api } from '@/lib/client/account/api';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import type { KdfParams } from '@/lib/shared/kdf-params';
import { KDF_FLOOR } from '@/lib/shared/kdf-params';
import { ThemeSwitch } from '@/components/theme/theme-switch';
import { AutoLockSetting } from './auto-lock-setting';
import { ChangePasswordForm } from './change-password-form';
import { RegenerateRecoveryKey } from './regenerate-recovery-key';
import { SessionList } from './session-list';
import { SignOutEverywhere } from './sign-out-everywhere';
import { SaveLocationSetting } from './save-location-setting';
import { VaultGate } from './vault-gate';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `settings-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-xl border border-slate-200 bg-surface p-6 shadow-sm">
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Fingerprint({ vault }: { vault: UnlockedVault }) {
  const [digits, setDigits] = useState<string>();
  useEffect(() => {
    void identityFingerprintDigits(vault.userId, vault.identityPublicKeyRaw).then(setDigits);
  }, [vault]);
  return (
    <>
      <p className="text-sm text-slate-700">People you share with can compare this with what their app shows for you, to be sure nobody swapped your key.</p>
      <p aria-label="Your fingerprint" className="font-mono text-sm tracking-wide">{digits ?? '…'}</p>
    </>
  );
}

function Parameters() {
  const [params, setParams] = useState<KdfParams>();
  useEffect(() => {
    void api.account().then((a) => setParams(a.kdfParams), () => undefined);
  }, []);
  if (!params) return <p className="text-sm">Loading…</p>;
  const ks = params.opaque.keyStretching;
  return (
    <dl aria-label="Parameters in use" className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="font-medium">Protocol</dt><dd>OPAQUE ({params.opaque.suite})</dd>
      <dt className="font-medium">Password stretching</dt>
      <dd>Argon2id, {ks.memoryKiB / 1024} MiB, {ks.iterations} iterations, parallelism {ks.parallelism}</dd>
      <dt className="font-medium">Key-encryption key</dt><dd>{params.kek.toUpperCase()} from the OPAQUE export key</dd>
      <dt className="font-medium">This app&apos;s minimum</dt><dd>Argon2id {KDF_FLOOR.memoryKiB / 1024} MiB, {KDF_FLOOR.iterations} iterations</dd>
    </dl>
  );
}

export function SettingsPanel() {
  return (
    <VaultGate>
      {(vault) => (
        <div className="space-y-6">
          <h1 className="text-2xl font-bold tracking-tight">Account settings</h1>
          <p className="text-sm text-slate-700">Signed in as <strong>{vault.email}</strong>.</p>
          <Section title="Identity key fingerprint"><Fingerprint vault={vault} /></Section>
          <Section title="Change password"><ChangePasswordForm /></Section>
          <Section title="Recovery key"><RegenerateRecoveryKey /></Section>
          <Section title="Auto-lock"><AutoLockSetting /></Section>
          <Section title="Downloads"><SaveLocationSetting /></Section>
          <Section title="Theme"><ThemeSwitch /></Section>
          <Section title="Sessions"><SessionList /><SignOutEverywhere /></Section>
          <Section title="Technical details">
            <p role="status" aria-label="Key check" className="text-sm text-slate-700">
              Key check passed: decrypted <span className="font-mono">{vault.keyCheckName}</span> with your root key.
            </p>
            <Parameters />
          </Section>
        </div>
      )}
    </VaultGate>
  );
}
