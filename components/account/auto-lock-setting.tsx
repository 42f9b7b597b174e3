'use client';

import { useId, useState } from 'react';
import { AUTO_LOCK_CHOICES, autoLockMinutes, setAutoLockMinutes } from '@/lib/client/account/auto-lock';
import { plural } from '@/lib/shared/plural';

export function AutoLockSetting() {
  const id = useId();
  // Rendered only client-side (behind VaultGate), so reading localStorage here cannot mismatch hydration.
  const [minutes, setMinutes] = useState<number>(autoLockMinutes);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">Lock after inactivity</label>
      <select
        id={id}
        className="min-h-11 rounded-lg border border-slate-300 bg-surface px-3 py-2 text-sm sm:min-h-0"
        value={minutes}
        onChange={(e) => {
          const value = Number(e.target.value);
          setMinutes(value);
          setAutoLockMinutes(value);
        }}
      >
        {AUTO_LOCK_CHOICES.map((m) => <option key={m} value={m}>{m === 0 ? 'Never' : plural(m, { one: '# minute', other: '# minutes' })}</option>)}
      </select>
      <p className="text-xs text-slate-600">Stored on this device only.</p>
    </div>
  );
}
