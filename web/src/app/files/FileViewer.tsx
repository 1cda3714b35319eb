import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageFile } from '../../types';
import { fileSize, fileUrls, viewable } from './fileFormat';
import './files.css';

/**
 * The file viewer: a modal <dialog> over the whole window (focus moves in and stays there,
 * Escape closes, focus returns to the thumbnail or chip that opened it). A picture shows whole
 * ("Fit") or at its own size ("Actual size", scrollable); ← and → (and the buttons) go through
 * the conversation's pictures. A PDF shows in the browser's own viewer in an <iframe> of its
 * /content (the server sends it inline with a sandboxing CSP); Download is always offered.
 */
export function FileViewer({ files, start, onClose }: { files: MessageFile[]; start: number; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [index, setIndex] = useState(Math.max(0, Math.min(start, files.length - 1)));
  const [fit, setFit] = useState(true);
  const [failed, setFailed] = useState<string | null>(null);
  const f = files[index];
  const kind = f ? viewable(f.contentType) : null;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  useEffect(() => setFailed(null), [index]);

  if (!f) return null;
  const step = (by: 1 | -1) => {
    if (files.length < 2) return;
    setIndex((i) => (i + by + files.length) % files.length);
    setFit(true);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (kind !== 'image' || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowRight') {
      e.preventDefault();
      step(1);
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      step(-1);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="file-viewer"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }}
    >
      <div className="viewer-head">
        <h2 id={titleId}>
          <bdi>{f.name}</bdi> <span className="muted small">{fileSize(f.size)}{files.length > 1 ? ` · ${index + 1} of ${files.length}` : ''}</span>
        </h2>
        {kind === 'image' && (
          <button type="button" className="secondary" aria-pressed={!fit} onClick={() => setFit((v) => !v)}>
            {fit ? 'Actual size' : 'Fit to screen'}
          </button>
        )}
        <a href={fileUrls.download(f.id)} download={f.name}>
          Download
        </a>
        <button type="button" className="secondary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      <div className={`viewer-body ${fit ? 'fit' : 'actual'}`}>
        {failed ? (
          <p className="viewer-note" role="alert">
            {failed} <a href={fileUrls.download(f.id)} download={f.name}>Download it</a> instead.
          </p>
        ) : kind === 'image' ? (
          <img
            key={f.id}
            src={fileUrls.content(f.id)}
            alt={f.name}
            width={fit ? undefined : (f.width ?? undefined)}
            height={fit ? undefined : (f.height ?? undefined)}
            onError={() => setFailed('The picture could not be shown.')}
          />
        ) : kind === 'pdf' ? (
          <iframe key={f.id} src={fileUrls.content(f.id)} title={f.name} />
        ) : (
          <p className="viewer-note">
            This file cannot be shown here. <a href={fileUrls.download(f.id)} download={f.name}>Download it</a>.
          </p>
        )}
        {kind === 'image' && files.length > 1 && (
          <>
            <button type="button" className="viewer-nav prev" onClick={() => step(-1)} aria-label="Previous picture">
              <span aria-hidden="true">‹</span>
            </button>
            <button type="button" className="viewer-nav next" onClick={() => step(1)} aria-label="Next picture">
              <span aria-hidden="true">›</span>
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}
