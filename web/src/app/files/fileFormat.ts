/** How files are named, sized and pictured in chips, lists and the viewer. Pure. */

/** "812 bytes", "14 KB", "3.2 MB" (1 KB = 1024 bytes, as file managers show them). */
export function fileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1).replace(/\.0$/, '') : Math.round(v)} ${units[u]}`;
}

export type FileKind = 'image' | 'pdf' | 'document' | 'spreadsheet' | 'presentation' | 'text' | 'archive' | 'other';

/** The images the server serves inline and the viewer shows (the contract's list). */
const VIEWABLE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function fileKind(contentType: string): FileKind {
  const t = contentType.toLowerCase().split(';')[0].trim();
  if (t.startsWith('image/')) return 'image';
  if (t === 'application/pdf') return 'pdf';
  if (t.includes('wordprocessingml') || t === 'application/msword' || t.includes('opendocument.text') || t === 'application/rtf') return 'document';
  if (t.includes('spreadsheetml') || t === 'application/vnd.ms-excel' || t.includes('opendocument.spreadsheet') || t === 'text/csv') return 'spreadsheet';
  if (t.includes('presentationml') || t === 'application/vnd.ms-powerpoint' || t.includes('opendocument.presentation')) return 'presentation';
  if (t.startsWith('text/')) return 'text';
  if (t === 'application/zip' || t === 'application/gzip' || t === 'application/x-7z-compressed') return 'archive';
  return 'other';
}

/** Opens in the viewer (an image the browser shows, or a PDF in the browser's own viewer). */
export function viewable(contentType: string): 'image' | 'pdf' | null {
  const t = contentType.toLowerCase().split(';')[0].trim();
  if (VIEWABLE_IMAGES.has(t)) return 'image';
  if (t === 'application/pdf') return 'pdf';
  return null;
}

/** A short badge for the chip's icon; the words are for screen readers. */
export function kindBadge(kind: FileKind): { badge: string; words: string } {
  switch (kind) {
    case 'image':
      return { badge: 'IMG', words: 'Image' };
    case 'pdf':
      return { badge: 'PDF', words: 'PDF document' };
    case 'document':
      return { badge: 'DOC', words: 'Document' };
    case 'spreadsheet':
      return { badge: 'XLS', words: 'Spreadsheet' };
    case 'presentation':
      return { badge: 'PPT', words: 'Presentation' };
    case 'text':
      return { badge: 'TXT', words: 'Text file' };
    case 'archive':
      return { badge: 'ZIP', words: 'Archive' };
    default:
      return { badge: 'FILE', words: 'File' };
  }
}

const filePath = (id: string) => `/api/v1/files/${encodeURIComponent(id)}`;
export const fileUrls = {
  content: (id: string) => `${filePath(id)}/content`,
  download: (id: string) => `${filePath(id)}/content?download=1`,
  thumbnail: (id: string) => `${filePath(id)}/thumbnail`,
};

/**
 * The size to show a thumbnail at, reserved before it loads so the messages do not jump: the
 * image's own proportions, at most the thumbnail's longest side (320 px, the contract) and
 * shorter on the message line (240 px high).
 */
export function thumbnailBox(width: number | null | undefined, height: number | null | undefined, maxW = 320, maxH = 240): { width: number; height: number } {
  if (!width || !height || width <= 0 || height <= 0) return { width: maxH, height: maxH };
  const scale = Math.min(1, maxW / width, maxH / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * A message's files in a line, for previews of a message sent without text (a toast, a desktop
 * notification): "📎 ecg.png", "📎 3 files"; empty when there are none.
 */
export function filesSummary(files: { name: string }[] | undefined): string {
  if (!files?.length) return '';
  return files.length === 1 ? `📎 ${files[0].name}` : `📎 ${files.length} files`;
}
