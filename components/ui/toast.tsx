'use client';

// Success results as toasts (Radix Toast): they close by themselves after a
// while, pause on hover and focus, and F8 jumps to them. Errors are never
// toasts: they stay inline as role=alert notices until the user acts.
//
// [Note: one announcement per toast] Radix reads a toast's text into a
// second, visually hidden live region of its own; a text on the page twice
// is announced twice and is ambiguous to find. The text is excluded from
// that copy (data-radix-toast-announce-exclude) and the viewport list is the live
// region instead (it is on the page before any toast, so additions are read
// out), and each result exists once in the DOM.
import * as Toast from '@radix-ui/react-toast';
import { X } from 'lucide-react';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { TOUCH_TARGET } from './button';

/** Long enough to read a sentence with a file name in it; hover or focus pauses it. */
const DURATION_MS = 8000;
/** Older toasts give way: a bulk action does not bury the screen. */
const MAX_SHOWN = 3;

type ShowToast = (text: string) => void;
const ToastContext = createContext<ShowToast | null>(null);

/** Shows a success message as a toast; needs a ToastProvider above. */
export function useToast(): ShowToast {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast outside ToastProvider');
  return show;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<{ id: number; text: string }[]>([]);
  const next = useRef(0);
  const show = useCallback<ShowToast>((text) => {
    next.current += 1;
    const id = next.current;
    // The same result twice (a file saved again) replaces the first: one text, once on the page.
    setToasts((list) => [...list.filter((t) => t.text !== text).slice(-(MAX_SHOWN - 1)), { id, text }]);
  }, []);
  const remove = (id: number) => setToasts((list) => list.filter((t) => t.id !== id));
  const value = useMemo(() => show, [show]);
  return (
    <Toast.Provider duration={DURATION_MS} label="Notification" swipeDirection="right">
      <ToastContext.Provider value={value}>{children}</ToastContext.Provider>
      {toasts.map((t) => (
        <Toast.Root key={t.id} type="background" onOpenChange={(open) => (open ? undefined : remove(t.id))}
          className="flex items-start gap-3 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 shadow-lg data-[swipe=move]:translate-x-[var(--radix-toast-swipe-move-x)] data-[state=closed]:opacity-0">
          {/* The attribute Radix's own AnnounceExclude sets (not exported): [Note: one announcement per toast]. */}
          {/* role=status names it a result for those who look one up; aria-live off, as the list above already reads it out. */}
          <Toast.Description data-radix-toast-announce-exclude="" role="status" aria-live="off" className="min-w-0 flex-1 self-center break-words">{t.text}</Toast.Description>
          <Toast.Close aria-label="Dismiss" className={`-m-1 inline-flex shrink-0 items-center justify-center rounded-md hover:bg-emerald-100 focus-visible:outline-2 focus-visible:outline-emerald-800 ${TOUCH_TARGET}`}>
            <X aria-hidden="true" className="size-4" />
          </Toast.Close>
        </Toast.Root>
      ))}
      {/* Top right, clear of the upload tray in the bottom corner. */}
      <Toast.Viewport aria-live="polite" className="fixed top-2 right-2 left-2 z-50 flex flex-col gap-2 outline-none sm:left-auto sm:w-96 md:top-4 md:right-4" />
    </Toast.Provider>
  );
}
