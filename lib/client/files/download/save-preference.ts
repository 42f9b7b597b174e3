// When a download asks where to save. Most downloads go straight to the
// browser's downloads, as on every other site; the native Save-As picker is
// for files big enough that the user wants to choose the disk, for a
// "Download to…" the user picked, or for everything when Settings says so.

/** From this size the picker opens by itself: a file this big wants a chosen place. */
export const SAVE_AS_THRESHOLD = 1024 * 1024 * 1024;

const KEY = 'twofold.askWhereToSave';

/** The Settings choice "Ask where to save every download" (this browser only). */
export function askWhereToSave(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'true';
  } catch {
    return false; // storage blocked: the default
  }
}

export function setAskWhereToSave(ask: boolean): void {
  try {
    if (ask) globalThis.localStorage?.setItem(KEY, 'true');
    else globalThis.localStorage?.removeItem(KEY);
  } catch {
    // storage blocked: the choice lasts for nothing, and the default holds
  }
}

/** Whether a download of `size` bytes opens the Save-As picker (when the browser has one). */
export function wantsSavePicker(size: number, ask: boolean): boolean {
  return ask || size >= SAVE_AS_THRESHOLD || askWhereToSave();
}
