'use client';

import { useEffect, useState } from 'react';
import { storageMode } from '@/lib/client/account/device-store';
import { Notice } from '@/components/ui/notice';

/** Tells the user when keys can only live in memory (IndexedDB unavailable). */
export function StorageNotice() {
  const [memoryOnly, setMemoryOnly] = useState(false);
  useEffect(() => {
    void storageMode().then((mode) => setMemoryOnly(mode === 'memory'));
  }, []);
  if (!memoryOnly) return null;
  return (
    <Notice tone="warning" title="Memory-only session">
      This browser does not let Twofold store data on this device, so your keys are kept in memory only. Reloading or
      closing this tab will ask for your password again.
    </Notice>
  );
}
