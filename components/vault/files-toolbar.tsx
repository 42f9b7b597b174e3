'use client';

// The files section's one toolbar (issue 11): upload files, upload a folder,
// new folder, list or grid, and the sort. Icons with their words from the sm
// breakpoint up; on a phone the words stay as the accessible names (sr-only).
import { ArrowDownUp, FolderPlus, FolderUp, LayoutGrid, List, Upload, type LucideIcon } from 'lucide-react';
import { useId, type KeyboardEvent, type ReactNode } from 'react';
import { buttonClass } from '@/components/ui/button';
import { SORTS } from './file-list';
import type { ViewMode } from './view-mode';

const FOCUS_PEER = 'cursor-pointer gap-2 px-3 py-1.5 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-slate-700 peer-disabled:cursor-not-allowed peer-disabled:opacity-50';
const WORDS = 'sr-only sm:not-sr-only';

function Words({ icon: Icon, children }: { icon: LucideIcon; children: ReactNode }) {
  return (
    <>
      <Icon aria-hidden="true" className="size-4 shrink-0" />
      <span className={WORDS}>{children}</span>
    </>
  );
}

/**
 * A file picker drawn as a button: a visually hidden input and its <label>
 * right after it (the label is what a finger presses; tests look for
 * `input[type=file] + label`).
 */
function Picker({ label, icon, variant, folder = false, disabled = false, onFiles }: {
  label: string; icon: LucideIcon; variant: 'primary' | 'secondary'; folder?: boolean; disabled?: boolean; onFiles: (files: File[]) => void;
}) {
  const id = useId();
  return (
    <span className="inline-flex">
      <input
        id={id}
        type="file"
        multiple
        disabled={disabled}
        className="peer sr-only"
        // React does not know these attributes; the browser does.
        {...(folder ? { webkitdirectory: '', directory: '' } : {})}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ''; // picking the same files again must fire change again
          if (files.length > 0) onFiles(files);
        }}
      />
      <label htmlFor={id} className={buttonClass(variant, FOCUS_PEER)}>
        <Words icon={icon}>{label}</Words>
      </label>
    </span>
  );
}

/** Arrow keys move between the toolbar's controls (WAI-ARIA toolbar pattern); Tab still reaches each one. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
  if ((event.target as HTMLElement).tagName === 'SELECT') return; // its arrows pick a sort
  const controls = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), input[type=file]:not(:disabled), select:not(:disabled)'));
  const at = controls.indexOf(event.target as HTMLElement);
  if (at === -1) return;
  event.preventDefault();
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? controls.length - 1
    : (at + (event.key === 'ArrowRight' ? 1 : -1) + controls.length) % controls.length;
  controls[next]!.focus();
}

export function FilesToolbar({ onFiles, onFolderPicked, onNewFolder, folderActionsDisabled, view, onView, sort, onSort }: {
  onFiles: (files: File[]) => void;
  onFolderPicked: (files: File[]) => void;
  onNewFolder: () => void;
  /** While searching there is no open folder to add to. */
  folderActionsDisabled: boolean;
  view: ViewMode;
  onView: (mode: ViewMode) => void;
  sort: string;
  onSort: (sort: string) => void;
}) {
  const sortId = useId();
  const layout = (mode: ViewMode, label: string, icon: LucideIcon) => (
    <button type="button" aria-pressed={view === mode} onClick={() => onView(mode)}
      className={buttonClass(view === mode ? 'primary' : 'secondary', 'gap-2 px-3 py-1.5 shadow-none first:rounded-r-none last:rounded-l-none')}>
      <Words icon={icon}>{label}</Words>
    </button>
  );
  return (
    <div role="toolbar" aria-label="File actions" onKeyDown={moveFocus} className="flex flex-wrap items-center gap-2">
      <Picker label="Upload files" icon={Upload} variant="primary" onFiles={onFiles} />
      <Picker label="Upload folder" icon={FolderUp} variant="secondary" folder disabled={folderActionsDisabled} onFiles={onFolderPicked} />
      <button type="button" onClick={onNewFolder} disabled={folderActionsDisabled} className={buttonClass('secondary', 'gap-2 px-3 py-1.5 disabled:cursor-not-allowed disabled:text-slate-400')}>
        <Words icon={FolderPlus}>New folder</Words>
      </button>
      <div className="flex flex-wrap items-center gap-2 sm:ms-auto">
        <div role="group" aria-label="Layout" className="inline-flex rounded-lg shadow-sm">
          {layout('list', 'List', List)}
          {layout('grid', 'Grid', LayoutGrid)}
        </div>
        <div className="flex items-center gap-1">
          <label htmlFor={sortId} className="flex items-center gap-1 text-sm font-medium text-slate-800">
            <ArrowDownUp aria-hidden="true" className="size-4 shrink-0" />
            <span className={WORDS}>Sort by</span>
          </label>
          <select id={sortId} value={sort} onChange={(e) => onSort(e.target.value)}
            className="block min-h-11 rounded-lg border border-slate-300 bg-surface px-2 py-1.5 text-sm shadow-sm sm:min-h-9">
            {Object.entries(SORTS).map(([value, s]) => <option key={value} value={value}>{s.label}</option>)}
          </select>
        </div>
      </div>
    </div>
  );
}
