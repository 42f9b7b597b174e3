'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal built on <dialog>: the browser provides role=dialog, the focus trap,
 * inert background and Escape (which fires `cancel`, then `close`). Mount it
 * to open it; `onClose` runs for Escape and for the Close button.
 *
 * Focus on open: the element marked `data-autofocus` (a dialog's first field,
 * or its safe button), else the Close button. React's `autoFocus` does not
 * work here: it focuses at commit, and showModal() then moves focus again.
 * `onOpenAutoFocus` (named after Radix's hook) gets the focused element once,
 * so a dialog can preselect text in it.
 */
export function Dialog({ title, description, onClose, onOpenAutoFocus, children, wide = false }: {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  onOpenAutoFocus?: (focused: HTMLElement) => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  // Read once on open; a ref keeps the effect from re-running when the callback changes.
  const onOpenAutoFocusRef = useRef(onOpenAutoFocus);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first focusable element (the Close button);
      // a dialog that asks for input marks its first field instead.
      const marked = dialog.querySelector<HTMLElement>('[data-autofocus]');
      marked?.focus();
      if (marked) onOpenAutoFocusRef.current?.(marked);
    }
    // No close() on cleanup: it would fire `close` and with it onClose (in
    // Strict Mode's mount-unmount-mount, closing a dialog that just opened).
    // Unmounting removes the element, which ends the modal state by itself.
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      onClose={onClose}
      className={`m-auto w-[calc(100%-2rem)] rounded-xl bg-surface p-0 text-slate-900 shadow-xl backdrop:bg-black/60 ${wide ? 'max-w-3xl' : 'max-w-md'}`}
    >
      <div className="space-y-4 p-6">
        <div className="flex items-start justify-between gap-4">
          <h2 id={`${id}-title`} className="min-w-0 text-lg font-semibold break-words">{title}</h2>
          <button type="button" onClick={() => ref.current?.close()} aria-label="Close" className="inline-flex size-11 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-700 sm:size-9">
            ✕
          </button>
        </div>
        {description ? <div id={`${id}-description`} className="text-sm text-slate-700">{description}</div> : null}
        {children}
      </div>
    </dialog>
  );
}
