/** Long work (key derivation): an indeterminate progress bar plus a live status line. */
export function WorkingStatus({ message }: { message: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-2 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900">
      <p>{message}</p>
      <div role="progressbar" aria-label={message} aria-busy="true" className="h-1.5 overflow-hidden rounded bg-indigo-100">
        <div className="h-full w-1/3 animate-pulse rounded bg-indigo-600" />
      </div>
    </div>
  );
}
