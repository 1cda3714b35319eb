import { describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../../api';
import type { FileView } from '../../types';
import { MAX_ATTEMPTS, Upload, uploadErrorText, type UploadTransport } from './upload';
import { MAX_FILES, pastedName, UploadList } from './uploadList';
import { PendingUploads } from './pendingUploads';

const fileView = (id = 'f1'): FileView => ({
  id, name: 'ecg.png', contentType: 'image/png', size: 10, status: 'ready', createdAt: '2026-12-07T10:00:00Z', uploaderId: 'me', thumbnail: true,
});

/**
 * A server in memory that keeps the upload's offset as the real one does: a PUT at the current
 * offset appends; the last byte answers the file. `failNext` makes the next calls fail as told.
 */
function server(chunkBytes = 4) {
  const state = { offset: 0, size: 0, created: 0, deleted: [] as string[], puts: [] as { offset: number; bytes: number }[] };
  const failNext: unknown[] = [];
  const finishWith: { error?: unknown } = {};
  const transport: UploadTransport = {
    create: vi.fn(async (req) => {
      if (failNext.length) throw failNext.shift();
      state.created++;
      state.size = req.size;
      return { id: 'u1', offset: 0, size: req.size, chunkBytes };
    }),
    put: vi.fn(async (_id, offset, chunk, onProgress, signal) => {
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      if (failNext.length) throw failNext.shift();
      if (offset !== state.offset) throw new ApiError(409, 'offset', undefined, { type: 'urn:confer:problem:upload-offset-mismatch' });
      onProgress(chunk.size);
      state.puts.push({ offset, bytes: chunk.size });
      state.offset += chunk.size;
      if (state.offset >= state.size) {
        if (finishWith.error) throw finishWith.error;
        return { id: 'u1', offset: state.offset, size: state.size, file: fileView() };
      }
      return { id: 'u1', offset: state.offset, size: state.size };
    }),
    status: vi.fn(async () => {
      if (failNext.length) throw failNext.shift();
      return { id: 'u1', offset: state.offset, size: state.size };
    }),
    remove: vi.fn(async (id: string) => void state.deleted.push(id)),
  };
  return { state, failNext, finishWith, transport };
}

function clock() {
  const timers: { fn: () => void; ms: number }[] = [];
  return {
    timers,
    setTimer: (fn: () => void, ms: number) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearTimer: (h: unknown) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    /** Runs the next timer; answers its delay. */
    next(): number {
      const t = timers.shift();
      if (!t) throw new Error('no timer');
      t.fn();
      return t.ms;
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const blob = (n: number) => new Blob([new Uint8Array(n)]);

describe('Upload', () => {
  it('creates the upload and sends it in chunks of chunkBytes, ending with the file', async () => {
    const s = server(4);
    const u = new Upload(blob(10), 'ecg.png', 'c1', s.transport, clock());
    u.start();
    await settle();
    expect(s.transport.create).toHaveBeenCalledWith({ conversationId: 'c1', name: 'ecg.png', size: 10 }, expect.any(AbortSignal));
    expect(s.state.puts).toEqual([
      { offset: 0, bytes: 4 },
      { offset: 4, bytes: 4 },
      { offset: 8, bytes: 2 },
    ]);
    expect(u.phase).toBe('done');
    expect(u.file?.id).toBe('f1');
    expect(u.sent).toBe(10);
  });

  it('sends one empty chunk for an empty file', async () => {
    const s = server(4);
    const u = new Upload(blob(0), 'empty.txt', 'c1', s.transport, clock());
    u.start();
    await settle();
    expect(s.state.puts).toEqual([{ offset: 0, bytes: 0 }]);
    expect(u.phase).toBe('done');
  });

  it('after a dropped connection waits with growing backoff, asks the server its offset and goes on from there', async () => {
    const s = server(4);
    const c = clock();
    const u = new Upload(blob(10), 'ecg.png', 'c1', s.transport, c);
    u.start();
    await settle();
    expect(u.phase).toBe('done');

    const s2 = server(4);
    const c2 = clock();
    const u2 = new Upload(blob(10), 'ecg.png', 'c1', s2.transport, c2);
    // The first chunk gets through; the second is lost twice.
    const put = s2.transport.put as ReturnType<typeof vi.fn>;
    const real = put.getMockImplementation() as (...args: Parameters<UploadTransport['put']>) => ReturnType<UploadTransport['put']>;
    let calls = 0;
    put.mockImplementation(async (...args: Parameters<UploadTransport['put']>) => {
      calls++;
      if (calls === 2 || calls === 3) throw new NetworkError(new TypeError('Failed to fetch'));
      return real(...args);
    });
    u2.start();
    await settle();
    expect(u2.phase).toBe('retrying');
    expect(u2.error).toMatch(/Connection lost/);
    expect(u2.confirmed).toBe(4);
    expect(c2.next()).toBe(1000);
    await settle();
    expect(u2.phase).toBe('retrying');
    expect(c2.next()).toBe(2000);
    await settle();
    expect(s2.transport.status).toHaveBeenCalledTimes(2);
    expect(u2.phase).toBe('done');
    expect(s2.state.puts.map((p) => p.offset)).toEqual([0, 4, 8]);
    expect(u2.error).toBeNull();
  });

  it('on an offset mismatch asks the server where it is at once and continues from there', async () => {
    const s = server(4);
    const c = clock();
    const u = new Upload(blob(10), 'ecg.png', 'c1', s.transport, c);
    // The server already has 4 bytes (an earlier request that did arrive).
    (s.transport.create as ReturnType<typeof vi.fn>).mockImplementationOnce(async () => {
      s.state.size = 10;
      s.state.offset = 4;
      return { id: 'u1', offset: 0, size: 10, chunkBytes: 4 };
    });
    u.start();
    await settle();
    expect(u.phase).toBe('retrying');
    expect(c.next()).toBe(0);
    await settle();
    expect(u.phase).toBe('done');
    expect(s.state.puts.map((p) => p.offset)).toEqual([4, 8]);
  });

  it('gives up after MAX_ATTEMPTS failures in a row, and Retry goes on from the server offset', async () => {
    const s = server(4);
    const c = clock();
    const u = new Upload(blob(10), 'ecg.png', 'c1', s.transport, c);
    for (let i = 0; i < MAX_ATTEMPTS + 5; i++) s.failNext.push(new NetworkError(new TypeError('offline')));
    u.start();
    await settle();
    const delays: number[] = [];
    while (u.phase === 'retrying') {
      delays.push(c.next());
      await settle();
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(u.phase).toBe('failed');
    expect(u.canRetry).toBe(true);
    expect(u.error).toMatch(/Press Retry/);
    s.failNext.length = 0;
    u.retry();
    await settle();
    expect(u.phase).toBe('done');
  });

  it('cancel aborts the chunk in flight, deletes the upload and sends nothing more', async () => {
    const s = server(4);
    let release: () => void = () => {};
    const put = s.transport.put as ReturnType<typeof vi.fn>;
    put.mockImplementationOnce(
      (_id: string, _o: number, _c: Blob, _p: unknown, signal: AbortSignal) =>
        new Promise((_resolve, reject) => {
          release = () => reject(new DOMException('aborted', 'AbortError'));
          signal.addEventListener('abort', () => release());
        }),
    );
    const u = new Upload(blob(10), 'ecg.png', 'c1', s.transport, clock());
    u.start();
    await settle();
    expect(u.phase).toBe('sending');
    u.cancel();
    await settle();
    expect(u.phase).toBe('cancelled');
    expect(s.state.deleted).toEqual(['u1']);
    expect(put).toHaveBeenCalledTimes(1);
  });

  it('cancel while waiting to retry stops the timer', async () => {
    const s = server(4);
    const c = clock();
    s.failNext.push(new NetworkError(new TypeError('offline')));
    const u = new Upload(blob(10), 'ecg.png', 'c1', s.transport, c);
    u.start();
    await settle();
    expect(c.timers).toHaveLength(1);
    u.cancel();
    expect(c.timers).toHaveLength(0);
    expect(u.phase).toBe('cancelled');
    // Never created: nothing to delete.
    expect(s.state.deleted).toEqual([]);
  });

  it.each([
    [new ApiError(413, 'too big', undefined, { type: 'urn:confer:problem:file-too-large' }), /Too large/],
    [new ApiError(415, 'no', undefined, { type: 'urn:confer:problem:file-type-not-allowed' }), /type of file cannot be shared/],
    [new ApiError(422, 'virus', undefined, { type: 'urn:confer:problem:file-infected' }), /virus was found/],
    [new ApiError(422, 'pixels', undefined, { type: 'urn:confer:problem:image-too-large' }), /image is too large/],
  ])('a refusal fails the chip in plain words, without Retry (%s)', async (error, words) => {
    const s = server(4);
    s.finishWith.error = error;
    const u = new Upload(blob(10), 'x', 'c1', s.transport, clock());
    u.start();
    await settle();
    expect(u.phase).toBe('failed');
    expect(u.error).toMatch(words);
    expect(u.canRetry).toBe(false);
  });

  it('a file too large is refused when the upload is created', async () => {
    const s = server(4);
    s.failNext.push(new ApiError(413, 'File too large', undefined, { type: 'urn:confer:problem:file-too-large' }));
    const u = new Upload(blob(10), 'x', 'c1', s.transport, clock());
    u.start();
    await settle();
    expect(u.phase).toBe('failed');
    expect(s.transport.put).not.toHaveBeenCalled();
  });
});

describe('uploadErrorText', () => {
  it('falls back to the problem detail for other refusals', () => {
    expect(uploadErrorText(new ApiError(403, 'This conversation is archived.'))).toBe('This conversation is archived.');
  });
});

const files = (n: number) => Array.from({ length: n }, (_, i) => ({ blob: blob(10), name: `f${i}.png` }));

describe('UploadList', () => {

  it('sends two at a time, blocks Send until all are done, then hands over their ids', async () => {
    const s = server(100);
    let open = 0;
    let most = 0;
    const put = s.transport.put as ReturnType<typeof vi.fn>;
    let n = 0;
    put.mockImplementation(async () => {
      open++;
      most = Math.max(most, open);
      await settle();
      open--;
      return { id: 'u', offset: 10, size: 10, file: fileView(`f${++n}`) };
    });
    const list = new UploadList('c1', s.transport, clock());
    list.add(files(3));
    expect(list.items().map((u) => u.phase)).toEqual(['starting', 'starting', 'queued']);
    expect(list.blocking()).toBe(true);
    for (let i = 0; i < 6; i++) await settle();
    expect(most).toBe(2);
    expect(list.ready()).toBe(true);
    expect(list.blocking()).toBe(false);
    expect(list.fileIds()).toEqual(['f1', 'f2', 'f3']);
    list.sent();
    expect(list.items()).toHaveLength(0);
  });

  it('takes at most 10 files and says so', () => {
    const list = new UploadList('c1', server().transport, clock());
    list.add(files(12));
    expect(list.items()).toHaveLength(MAX_FILES);
    expect(list.notice).toMatch(/10 files at most; 2 not added/);
  });

  it('removing a chip cancels its upload; a failed chip blocks Send until removed', async () => {
    const s = server(4);
    s.finishWith.error = new ApiError(415, 'no', undefined, { type: 'urn:confer:problem:file-type-not-allowed' });
    const list = new UploadList('c1', s.transport, clock());
    list.add(files(1));
    await settle();
    expect(list.items()[0].phase).toBe('failed');
    expect(list.blocking()).toBe(true);
    list.remove(list.items()[0].key);
    expect(list.blocking()).toBe(false);
    expect(list.ready()).toBe(false);
  });

  it('dispose cancels what is still sending', async () => {
    const s = server(4);
    s.failNext.push(new NetworkError(new TypeError('offline')));
    const list = new UploadList('c1', s.transport, clock());
    list.add(files(1));
    await settle();
    list.dispose();
    expect(list.items()[0].phase).toBe('cancelled');
  });
});

describe('PendingUploads', () => {
  it('keeps a composer\'s files while its conversation is not shown, and says so until they are sent', async () => {
    const s = server(4);
    const pending = new PendingUploads(s.transport, clock());
    expect(pending.hasUnsent()).toBe(false);
    const ward = pending.listFor('c1', 'c1');
    ward.add(files(1));
    await settle();
    expect(ward.ready()).toBe(true);
    // The person opens another conversation and comes back: the same list, the file still attached.
    pending.listFor('c2', 'c2');
    expect(pending.listFor('c1', 'c1')).toBe(ward);
    expect(pending.listFor('c1', 'c1').fileIds()).toEqual(['f1']);
    expect(pending.hasUnsent()).toBe(true);
    // A thread's composer has a list of its own.
    expect(pending.listFor('thread:m1', 'c1')).not.toBe(ward);
    ward.sent();
    expect(pending.hasUnsent()).toBe(false);
  });

  it('signing out cancels what is still uploading and forgets every list', async () => {
    const s = server(4);
    s.failNext.push(new NetworkError(new TypeError('offline')));
    const pending = new PendingUploads(s.transport, clock());
    const list = pending.listFor('c1', 'c1');
    list.add(files(1));
    await settle();
    pending.disposeAll();
    expect(list.items()[0].phase).toBe('cancelled');
    expect(pending.hasUnsent()).toBe(false);
    expect(pending.listFor('c1', 'c1')).not.toBe(list);
  });
});

describe('pastedName', () => {
  it('names a pasted screenshot by the time, keeping real names', () => {
    const now = new Date(2026, 11, 7, 9, 5, 3);
    expect(pastedName('image.png', 'image/png', now)).toBe('Pasted image 2026-12-07 09.05.03.png');
    expect(pastedName('', 'image/jpeg', now)).toBe('Pasted image 2026-12-07 09.05.03.jpg');
    expect(pastedName('wound.jpg', 'image/jpeg', now)).toBe('wound.jpg');
  });
});
