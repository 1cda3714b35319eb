/** Reading files (issue 16's contract): one file's state, and the Files lists of a conversation and a team. */
import { request } from '../../api';
import type { FileView, SharedFile } from '../../types';

export interface FilesPage {
  files: SharedFile[];
  nextCursor?: string | null;
}

const listQuery = (kind: 'image' | 'other' | undefined, before: string | undefined, limit: number) => {
  const q = new URLSearchParams({ limit: String(limit) });
  if (before) q.set('before', before);
  if (kind) q.set('kind', kind);
  return q;
};

export const filesApi = {
  file: (id: string) => request<FileView>('GET', `/api/v1/files/${encodeURIComponent(id)}`),
  conversationFiles: (conversationId: string, options: { kind?: 'image' | 'other'; before?: string; limit?: number } = {}) =>
    request<FilesPage>('GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}/files?${listQuery(options.kind, options.before, options.limit ?? 50)}`),
  teamFiles: (teamId: string, options: { kind?: 'image' | 'other'; before?: string; limit?: number } = {}) =>
    request<FilesPage>('GET', `/api/v1/teams/${encodeURIComponent(teamId)}/files?${listQuery(options.kind, options.before, options.limit ?? 50)}`),
};
