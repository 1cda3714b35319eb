import { fileKind, kindBadge } from './fileFormat';

/** A small coloured badge naming the kind of file ("PDF", "IMG"); decorative, the chip's text names it. */
export function FileIcon({ contentType }: { contentType: string }) {
  const kind = fileKind(contentType);
  return (
    <span className={`file-icon file-icon-${kind}`} aria-hidden="true">
      {kindBadge(kind).badge}
    </span>
  );
}
