import { useEffect, useState } from 'react';
import type { MessageFile } from '../../types';
import { fileSize, fileUrls, thumbnailBox, viewable } from './fileFormat';
import { FileIcon } from './FileIcon';
import { filesApi } from './filesApi';
import { FileViewer } from './FileViewer';
import { watchScan } from './scanWatch';
import './files.css';

/**
 * A message's files: pictures as thumbnails (their space reserved from width and height, so the
 * list does not jump as they load), other files as chips with a download link. A file still
 * being checked is greyed ("Checking for viruses…") with no link; an infected one says it was
 * blocked. Pictures and PDFs open in the viewer; next/previous go through `gallery` (the
 * conversation's pictures) when given.
 */
export function MessageFiles({ files, gallery }: { files: MessageFile[]; gallery?: () => MessageFile[] }) {
  const [viewing, setViewing] = useState<{ list: MessageFile[]; index: number } | null>(null);
  const open = (f: MessageFile) => {
    if (viewable(f.contentType) === 'image') {
      const all = (gallery?.() ?? files).filter(isViewableImage);
      const list = all.some((x) => x.id === f.id) ? all : [f];
      setViewing({ list, index: list.findIndex((x) => x.id === f.id) });
    } else {
      setViewing({ list: [f], index: 0 });
    }
  };
  return (
    <>
      <ul className="message-files" aria-label="Files">
        {files.map((f) => (
          <li key={f.id}>
            <FileEntry file={f} onOpen={open} />
          </li>
        ))}
      </ul>
      {viewing && <FileViewer files={viewing.list} start={viewing.index} onClose={() => setViewing(null)} />}
    </>
  );
}

export function isViewableImage(f: MessageFile): boolean {
  return f.status === 'ready' && viewable(f.contentType) === 'image';
}

/** The file's status, asking the server again while it is being checked (scanWatch.ts). */
function useLiveStatus(file: MessageFile): MessageFile {
  const [live, setLive] = useState<Partial<MessageFile> | null>(null);
  useEffect(() => {
    setLive(null);
    if (file.status !== 'scanning') return;
    return watchScan(() => filesApi.file(file.id), (s) => setLive({ status: s.status, thumbnail: s.thumbnail }));
  }, [file.id, file.status]);
  return live ? { ...file, ...live } : file;
}

function FileEntry({ file: given, onOpen }: { file: MessageFile; onOpen: (f: MessageFile) => void }) {
  const f = useLiveStatus(given);
  if (f.status === 'ready' && f.thumbnail && viewable(f.contentType) === 'image') {
    const box = thumbnailBox(f.width, f.height);
    return (
      <button type="button" className="file-thumb" style={{ width: box.width }} onClick={() => onOpen(f)} aria-label={`Open picture ${f.name}, ${fileSize(f.size)}`}>
        <img src={fileUrls.thumbnail(f.id)} width={box.width} height={box.height} alt="" loading="lazy" decoding="async" />
      </button>
    );
  }
  const state = f.status === 'scanning' ? 'Checking for viruses…' : f.status === 'infected' ? 'Blocked: a virus was found' : fileSize(f.size);
  const canOpen = f.status === 'ready' && viewable(f.contentType) !== null;
  return (
    <div className={`message-file file-${f.status}`}>
      <FileIcon contentType={f.contentType} />
      <span className="chip-text">
        <bdi className="chip-name" title={f.name}>
          {f.name}
        </bdi>
        <span className={f.status === 'infected' ? 'chip-error' : 'muted'} role={f.status === 'scanning' ? 'status' : undefined}>
          {state}
        </span>
        {f.status === 'ready' && (
          <span className="file-actions">
            {canOpen && (
              <button type="button" className="link-button" onClick={() => onOpen(f)}>
                Open<span className="visually-hidden"> {f.name}</span>
              </button>
            )}
            <a href={fileUrls.download(f.id)} download={f.name}>
              Download<span className="visually-hidden"> {f.name}</span>
            </a>
          </span>
        )}
      </span>
    </div>
  );
}
