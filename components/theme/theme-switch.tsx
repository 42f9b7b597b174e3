'use client';

import { Monitor, Moon, Sun } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { TOUCH_TARGET } from '@/components/ui/button';
import { readThemeChoice, storeThemeChoice, subscribeThemeChoice, type ThemeChoice } from '@/lib/client/theme/theme-choice';

const OPTIONS: { value: ThemeChoice; label: string; Icon: typeof Sun }[] = [
  { value: 'system', label: 'System', Icon: Monitor },
  { value: 'light', label: 'Light', Icon: Sun },
  { value: 'dark', label: 'Dark', Icon: Moon },
];

/**
 * System / Light / Dark as a native radio group: arrow keys move the choice and
 * screen readers say "Theme, radio group" with no library in between.
 */
export function ThemeSwitch() {
  // The server cannot know the choice: it renders System, and hydration corrects it.
  const choice = useSyncExternalStore(subscribeThemeChoice, readThemeChoice, () => 'system' as const);
  return (
    <fieldset className="space-y-2">
      <legend className="sr-only">Theme</legend>
      <p className="text-sm text-slate-700">Follow this device&apos;s setting, or choose one for this browser.</p>
      <div className="inline-flex flex-wrap gap-1 rounded-lg bg-slate-100 p-1">
        {OPTIONS.map(({ value, label, Icon }) => (
          <label key={value}
            className={`relative inline-flex cursor-pointer items-center justify-center gap-1.5 rounded-md px-3 text-sm font-semibold text-slate-800 has-checked:bg-accent has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-700 ${TOUCH_TARGET}`}>
            <input type="radio" name="theme" value={value} checked={choice === value} onChange={() => storeThemeChoice(value)} className="absolute inset-0 cursor-pointer appearance-none rounded-md focus-visible:outline-none" />
            <Icon aria-hidden="true" className="size-4" />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
