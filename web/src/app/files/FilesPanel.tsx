import { useEffect, useState } from 'react';
import type { PeopleStore } from '../../store/people';
import type { MessageFile, SharedFile } from '../../types';
import { when } from '../pins/PinnedPanel';
import { messageHash } from '../search/searchResults';
import { Modal } from '../ui/Modal';
import { useStore } from '../useStore';
import { fileSize, fileUrls, thumbnailBox, viewable } from './fileFormat';
import { FileIcon } from './FileIcon';
import type { FilesPage } from './filesApi';
import { FilesList, type FilesView } from './filesList';
import { FileViewer } from './FileViewer';
import './files.css';

/**
 * The Files of a conversation or a team: every file shared there, newest first, as a list
 * (name, size, who shared it and when; open, download, go to the message) or as a gallery of
 * the pictures. The server answers only what the person may read.
 */
export function FilesPanel({
  title,
  load,
  people,
  conversationId,
  onClose,
}: {
  title: string;
  load: (options: { kind?: 'image'; before?: string }) => Promise<FilesPage>;
  people: PeopleStore;
  /** The conversation of a conversation's panel; a team's rows name their own (when the server sends it). */
  conversationId?: string;
  onClose: () => void;
}) {
  const [list] = useState(() => new FilesList(load));
  useStore(list);
  useStore(people);
  useEffect(() => void list.show('all'), [list]);
  useEffect(() => {
    if (list.files.length) people.want([...new Set(list.files.map((f) => f.authorId))]);
  }, [list.files, people]);
  const [viewing, setViewing] = useState<{ files: MessageFile[]; index: number } | null>(null);
  const pictures = list.files.filter((f) => f.status === 'ready' && viewable(f.contentType) === 'image');
  const open = (f: SharedFile) => {
    const i = pictures.findIndex((p) => p.id === f.id);
    setViewing(i >= 0 ? { files: pictures, index: i } : { files: [f], index: 0 });
  };
  const goTo = (f: SharedFile) => {
    const cid = f.conversationId ?? conversationId;
    if (!cid) return;
    onClose();
    location.hash = messageHash(cid, f.messageId);
  };
  const setView = (v: FilesView) => v !== list.view && void list.show(v);

  return (
    <Modal title={`Files in ${title}`} onClose={onClose} wide>
      {() => (
        <div className="files-panel">
          <div className="files-toolbar" role="group" aria-label="Show">
            <button type="button" className="secondary" aria-pressed={list.view === 'all'} onClick={() => setView('all')}>
              All files
            </button>
            <button type="button" className="secondary" aria-pressed={list.view === 'pictures'} onClick={() => setView('pictures')}>
              Pictures
            </button>
          </div>
          {list.error && (
            <p className="form-error" role="alert">
              {list.error}{' '}
              <button type="button" className="link-button" onClick={() => void list.reload()}>
                Try again
              </button>
            </p>
          )}
          {!list.loading && !list.error && list.files.length === 0 && (
            <p className="muted">{list.view === 'pictures' ? 'No pictures have been shared here yet.' : 'No files have been shared here yet.'}</p>
          )}
          {list.view === 'pictures' ? (
            <ul className="files-gallery" aria-label="Pictures">
              {list.files.map((f) => (
                <li key={f.id + f.messageId}>
                  {f.status === 'ready' && f.thumbnail ? (
                    <button type="button" className="file-thumb" onClick={() => open(f)} aria-label={`Open picture ${f.name}`}>
                      <img src={fileUrls.thumbnail(f.id)} alt="" loading="lazy" {...thumbnailBox(f.width, f.height, 160, 160)} />
                    </button>
                  ) : (
                    <div className={`message-file file-${f.status}`}>
                      <FileIcon contentType={f.contentType} />
                      <bdi className="chip-name">{f.name}</bdi>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <ul className="files-list" aria-label="Files">
              {list.files.map((f) => (
                <li key={f.id + f.messageId}>
                  <FileIcon contentType={f.contentType} />
                  <span className="chip-text">
                    <bdi className="chip-name" title={f.name}>
                      {f.name}
                    </bdi>
                    <span className="muted">
                      {f.status === 'scanning' ? 'Checking for viruses…' : f.status === 'infected' ? 'Blocked: a virus was found' : fileSize(f.size)}
                      {' · '}
                      <bdi>{people.person(f.authorId)?.displayName ?? '…'}</bdi>
                      {' · '}
                      <time dateTime={f.sharedAt}>{when(f.sharedAt)}</time>
                    </span>
                    <span className="file-actions">
                      {f.status === 'ready' && viewable(f.contentType) && (
                        <button type="button" className="link-button" onClick={() => open(f)}>
                          Open<span className="visually-hidden"> {f.name}</span>
                        </button>
                      )}
                      {f.status === 'ready' && (
                        <a href={fileUrls.download(f.id)} download={f.name}>
                          Download<span className="visually-hidden"> {f.name}</span>
                        </a>
                      )}
                      {(f.conversationId ?? conversationId) && (
                        <button type="button" className="link-button" onClick={() => goTo(f)}>
                          Go to message<span className="visually-hidden"> with {f.name}</span>
                        </button>
                      )}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="muted small" aria-live="polite">
            {list.loading ? 'Loading files…' : ''}
          </p>
          <div className="dialog-foot">
            {list.nextCursor && !list.loading && (
              <button type="button" className="secondary" onClick={() => void list.more()}>
                Load more
              </button>
            )}
            <button type="button" className="primary" onClick={onClose}>
              Close
            </button>
          </div>
          {viewing && <FileViewer files={viewing.files} start={viewing.index} onClose={() => setViewing(null)} />}
        </div>
      )}
    </Modal>
  );
}
