// The colour theme: the user's choice (System, Light, Dark) in localStorage,
// and the class on <html> that app/globals.css reads ([Note: themes]).

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_STORAGE_KEY = 'twofold-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const CHANGED = 'twofold-theme-change';

function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

/** The stored choice; anything missing, unreadable (storage disabled) or unknown is System. */
export function readThemeChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** Puts the theme on the page at once and remembers it for the next load. */
export function storeThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage refused (private mode with quota 0): the choice lasts for this page only.
  }
  applyTheme(choice);
  window.dispatchEvent(new Event(CHANGED));
}

export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'system' && matchMedia(DARK_QUERY).matches);
  document.documentElement.classList.toggle('dark', dark);
}

/** For useSyncExternalStore: a change in this tab or another one. */
export function subscribeThemeChoice(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/**
 * [Note: theme before first paint] The same rule as readThemeChoice + applyTheme,
 * as the source of the one inline script of every page (app/layout.tsx renders
 * it with the request's CSP nonce). It runs in <head>, before the body is
 * parsed, so a dark page never flashes light; it also follows the system
 * setting while the page is open. Keep it in step with the functions above.
 */
export const THEME_SCRIPT = `(function(){var q=matchMedia(${JSON.stringify(DARK_QUERY)});function apply(){var c;try{c=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)})}catch(e){}document.documentElement.classList.toggle('dark',c==='dark'||(c!=='light'&&q.matches))}apply();q.addEventListener('change',apply);window.addEventListener('storage',apply)})()`;
