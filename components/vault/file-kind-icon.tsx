import { File, FileArchive, FileAudio, FileImage, FileText, FileVideo, Folder, type LucideIcon } from 'lucide-react';
import { fileKind, type FileKind } from '@/lib/client/files/file-kind';

const ICONS: Record<FileKind, { icon: LucideIcon; tone: string }> = {
  image: { icon: FileImage, tone: 'text-emerald-700' },
  video: { icon: FileVideo, tone: 'text-rose-700' },
  audio: { icon: FileAudio, tone: 'text-amber-700' },
  pdf: { icon: FileText, tone: 'text-rose-800' },
  text: { icon: FileText, tone: 'text-slate-700' },
  archive: { icon: FileArchive, tone: 'text-amber-800' },
  other: { icon: File, tone: 'text-slate-600' },
};

/** The icon standing for a file of this kind (decorative: the name beside it says what it is). */
export function FileKindIcon({ metadata, className = 'size-5' }: { metadata: { name: string; type: string }; className?: string }) {
  const kind = fileKind(metadata);
  const { icon: Icon, tone } = ICONS[kind];
  return <Icon aria-hidden="true" data-kind={kind} className={`${className} ${tone}`} strokeWidth={1.5} />;
}

export function FolderIcon({ className = 'size-5' }: { className?: string }) {
  return <Folder aria-hidden="true" className={`${className} fill-indigo-100 text-indigo-700`} strokeWidth={1.5} />;
}
