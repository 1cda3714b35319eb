import { useStore } from '../useStore';
import { fileSize } from './fileFormat';
import { FileIcon } from './FileIcon';
import type { Upload } from './upload';
import type { UploadList } from './uploadList';
import './files.css';

/** The files waiting to go with the message: a chip each with name, size, progress, error and ×. */
export function UploadChips({ uploads }: { uploads: UploadList }) {
  useStore(uploads);
  const items = uploads.items();
  if (items.length === 0 && !uploads.notice) return null;
  return (
    <div className="upload-area">
      {items.length > 0 && (
        <ul className="upload-chips" aria-label="Files to send">
          {items.map((u) => (
            <UploadChip key={u.key} u={u} onRemove={() => uploads.remove(u.key)} />
          ))}
        </ul>
      )}
      {uploads.notice && (
        <p className="form-error small" role="alert">
          {uploads.notice}
        </p>
      )}
    </div>
  );
}

function phaseWords(u: Upload): string {
  switch (u.phase) {
    case 'queued':
      return 'Waiting to upload';
    case 'starting':
      return 'Starting upload';
    case 'sending':
      return `Uploading, ${Math.floor((u.sent / Math.max(1, u.size)) * 100)}%`;
    case 'retrying':
      return u.error ?? 'Reconnecting…';
    case 'done':
      return 'Ready to send';
    case 'failed':
      return u.error ?? 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}

function UploadChip({ u, onRemove }: { u: Upload; onRemove: () => void }) {
  const contentType = u.file?.contentType ?? (u.blob.type || 'application/octet-stream');
  const going = u.phase === 'queued' || u.phase === 'starting' || u.phase === 'sending' || u.phase === 'retrying';
  return (
    <li className={`upload-chip upload-${u.phase}`}>
      <FileIcon contentType={contentType} />
      <span className="chip-text">
        <bdi className="chip-name" title={u.name}>
          {u.name}
        </bdi>
        <span className="chip-size muted">{fileSize(u.size)}</span>
        {going && (
          <progress className="chip-progress" max={Math.max(1, u.size)} value={u.sent} aria-label={`Uploading ${u.name}`} />
        )}
        {u.phase === 'failed' ? (
          <span className="chip-error" role="alert">
            {u.error}
          </span>
        ) : (
          <span className={`chip-state${u.phase === 'done' ? '' : ' muted'}`}>{phaseWords(u)}</span>
        )}
      </span>
      {u.phase === 'failed' && u.canRetry && (
        <button type="button" className="link-button chip-retry" onClick={() => u.retry()}>
          Retry<span className="visually-hidden"> {u.name}</span>
        </button>
      )}
      <button type="button" className="chip-remove" aria-label={going ? `Cancel uploading ${u.name}` : `Remove ${u.name}`} title={going ? 'Cancel' : 'Remove'} onClick={onRemove}>
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}
