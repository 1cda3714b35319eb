import { useRef, useState, type DragEvent } from 'react';
import type { PendingUploads } from './pendingUploads';

/** Dragging carries files (not text or a link being dragged within the page). */
const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

/**
 * The open conversation's (or thread's) pending files and the drop target around it: dropping
 * files anywhere on it attaches them to the message being written there. The list is the
 * session's (PendingUploads), not the view's: leaving the conversation keeps the files uploading
 * and coming back shows them again. {@code key} names the composer: the conversation's id, or
 * the thread root's id for a thread's reply composer.
 */
export function useConversationUploads(
  pending: PendingUploads,
  key: string,
  conversationId: string,
  enabled: boolean,
  composerId = 'composer-text',
) {
  const uploads = pending.listFor(key, conversationId);
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the pointer left.
  const depth = useRef(0);
  const dropProps = enabled
    ? {
        onDragEnter: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          depth.current++;
          setDragging(true);
        },
        onDragOver: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        },
        onDragLeave: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setDragging(false);
        },
        onDrop: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          depth.current = 0;
          setDragging(false);
          const files = [...e.dataTransfer.files];
          if (files.length) uploads.add(files.map((f) => ({ blob: f, name: f.name })));
          document.getElementById(composerId)?.focus();
        },
      }
    : {};
  const overlay = dragging ? (
    <div className="drop-overlay" aria-hidden="true">
      <span>Drop files to attach them</span>
    </div>
  ) : null;
  return { uploads, dropProps, overlay };
}
