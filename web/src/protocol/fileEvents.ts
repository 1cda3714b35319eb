import type { MessageFile } from '../types';

/**
 * A file a message carries changed status (a file held as "scanning" was scanned: ready or
 * infected). `files` is all of the message's files as they are now, in order.
 */
export interface MessageFilesUpdated {
  kind: 'message.files-updated';
  messageId: string;
  files: MessageFile[];
}
