'use client';

import { useId, useState } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { SAVE_AS_THRESHOLD, askWhereToSave, setAskWhereToSave } from '@/lib/client/files/download/save-preference';
import { formatBytes } from '@/lib/client/files/format';

/** "Ask where to save every download": otherwise only big files and "Download to…" open the picker. */
export function SaveLocationSetting() {
  const hintId = useId();
  // Rendered only client-side (behind VaultGate), so reading localStorage here cannot mismatch hydration.
  const [ask, setAsk] = useState(askWhereToSave);
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <Checkbox label="Ask where to save every download" checked={ask} onToggle={() => (setAsk(!ask), setAskWhereToSave(!ask))} />
        <span aria-hidden="true" className="text-sm font-medium">Ask where to save every download</span>
      </div>
      <p id={hintId} className="text-xs text-slate-600">
        Otherwise downloads go to your browser’s downloads folder; files of {formatBytes(SAVE_AS_THRESHOLD)} or more, and
        “Download to…” in a file’s menu, still ask. Stored on this device only.
      </p>
    </div>
  );
}
