// Auto-lock after idle time. The setting is per device (localStorage): it is
// a property of where the vault is open, not of the account.
const KEY = 'twofold:auto-lock-minutes';
export const AUTO_LOCK_CHOICES = [0, 1, 5, 15, 30, 60] as const;
export const DEFAULT_AUTO_LOCK_MINUTES = 15;

export function autoLockMinutes(): number {
  try {
    const value = Number(localStorage.getItem(KEY));
    return localStorage.getItem(KEY) !== null && Number.isInteger(value) && value >= 0 ? value : DEFAULT_AUTO_LOCK_MINUTES;
  } catch {
    return DEFAULT_AUTO_LOCK_MINUTES;
  }
}

export function setAutoLockMinutes(minutes: number): void {
  try {
    localStorage.setItem(KEY, String(minutes));
    window.dispatchEvent(new Event('twofold:auto-lock-changed'));
  } catch {
    // Storage disabled: the default applies.
  }
}

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;

/** Calls onIdle after the configured minutes without input; 0 means never. Returns a stop function. */
export function watchIdle(onIdle: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (timer) clearTimeout(timer);
    const minutes = autoLockMinutes();
    timer = minutes > 0 ? setTimeout(onIdle, minutes * 60_000) : undefined;
  };
  arm();
  for (const event of ACTIVITY) window.addEventListener(event, arm, { passive: true });
  window.addEventListener('twofold:auto-lock-changed', arm);
  return () => {
    if (timer) clearTimeout(timer);
    for (const event of ACTIVITY) window.removeEventListener(event, arm);
    window.removeEventListener('twofold:auto-lock-changed', arm);
  };
}
