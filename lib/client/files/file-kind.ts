// What a file is, for the icon a file manager shows in its place before any
// thumbnail: decided from the decrypted metadata (type, then the name's
// extension), never from the content, which stays encrypted until opened.
export type FileKind = 'image' | 'video' | 'audio' | 'pdf' | 'text' | 'archive' | 'other';

const ARCHIVE_TYPES = new Set([
  'application/zip', 'application/x-zip-compressed', 'application/gzip', 'application/x-gzip', 'application/x-tar',
  'application/x-7z-compressed', 'application/x-rar-compressed', 'application/vnd.rar', 'application/x-bzip2', 'application/x-xz', 'application/zstd',
]);
const ARCHIVE_EXTENSIONS = /\.(zip|tar|t?gz|tgz|bz2|xz|zst|7z|rar)$/i;
const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|avif|bmp|heic|svg|tiff?)$/i;
const VIDEO_EXTENSIONS = /\.(mp4|m4v|mov|webm|mkv|avi)$/i;
const AUDIO_EXTENSIONS = /\.(mp3|m4a|wav|flac|ogg|opus|aac)$/i;
const TEXT_EXTENSIONS = /\.(txt|md|csv|tsv|json|log|xml|ya?ml|toml|ini|html?|css|js|ts|tsx|py|rs|go|sh|c|h|cpp|java)$/i;

export function fileKind(metadata: { name: string; type: string }): FileKind {
  const type = metadata.type.toLowerCase().split(';')[0]!.trim();
  const name = metadata.name;
  if (type === 'application/pdf' || /\.pdf$/i.test(name)) return 'pdf';
  if (ARCHIVE_TYPES.has(type) || ARCHIVE_EXTENSIONS.test(name)) return 'archive';
  if (type.startsWith('image/') || IMAGE_EXTENSIONS.test(name)) return 'image';
  if (type.startsWith('video/') || VIDEO_EXTENSIONS.test(name)) return 'video';
  if (type.startsWith('audio/') || AUDIO_EXTENSIONS.test(name)) return 'audio';
  if (type.startsWith('text/') || type === 'application/json' || TEXT_EXTENSIONS.test(name)) return 'text';
  return 'other';
}
