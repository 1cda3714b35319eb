import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api';
import type { SharedFile } from '../../types';
import { FilesList } from './filesList';

const shared = (id: string): SharedFile => ({
  id, name: `${id}.png`, contentType: 'image/png', size: 1, status: 'ready', createdAt: '', uploaderId: 'u', messageId: `m-${id}`, authorId: 'u', sharedAt: '2026-12-07T10:00:00Z',
});

describe('FilesList', () => {
  it('loads all files, pages with the cursor, and asks for pictures only in the gallery', async () => {
    const load = vi.fn().mockResolvedValueOnce({ files: [shared('a')], nextCursor: 'c1' }).mockResolvedValueOnce({ files: [shared('b')], nextCursor: null }).mockResolvedValueOnce({ files: [shared('p')] });
    const list = new FilesList(load);
    await list.show('all');
    await list.more();
    expect(list.files.map((f) => f.id)).toEqual(['a', 'b']);
    expect(load.mock.calls[1][0]).toEqual({ kind: undefined, before: 'c1' });
    expect(list.nextCursor).toBeNull();
    await list.show('pictures');
    expect(load.mock.calls[2][0]).toEqual({ kind: 'image', before: undefined });
    expect(list.files.map((f) => f.id)).toEqual(['p']);
  });

  it('drops a late answer for the view left, and shows the problem detail', async () => {
    let release: (v: unknown) => void = () => {};
    const load = vi
      .fn()
      .mockImplementationOnce(() => new Promise((r) => (release = r)))
      .mockRejectedValueOnce(new ApiError(404, 'Not found'));
    const list = new FilesList(load);
    const first = list.show('all');
    const second = list.show('pictures');
    release({ files: [shared('late')] });
    await Promise.all([first, second]);
    expect(list.files).toEqual([]);
    expect(list.error).toBe('Not found');
    expect(list.loading).toBe(false);
  });
});
