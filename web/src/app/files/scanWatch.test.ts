import { describe, expect, it, vi } from 'vitest';
import { MAX_POLLS, pollDelay, watchScan } from './scanWatch';

function timers() {
  const list: { fn: () => void; ms: number }[] = [];
  return {
    list,
    setTimer: (fn: () => void, ms: number) => list.push({ fn, ms }),
    clearTimer: vi.fn(),
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('watchScan', () => {
  it('asks again with growing delays until the file is ready', async () => {
    const t = timers();
    const answers = [{ status: 'scanning' as const }, { status: 'ready' as const, thumbnail: true }];
    const read = vi.fn(async () => answers.shift()!);
    const onStatus = vi.fn();
    watchScan(read, onStatus, t);
    expect(t.list[0].ms).toBe(2000);
    t.list.shift()!.fn();
    await settle();
    expect(t.list[0].ms).toBe(4000);
    t.list.shift()!.fn();
    await settle();
    expect(onStatus).toHaveBeenCalledWith({ status: 'ready', thumbnail: true });
    expect(t.list).toHaveLength(0);
  });

  it('stops when the chip goes away, and after MAX_POLLS', async () => {
    const t = timers();
    const read = vi.fn(async () => ({ status: 'scanning' as const }));
    const stop = watchScan(read, vi.fn(), t);
    stop();
    t.list.shift()!.fn();
    await settle();
    expect(t.list).toHaveLength(0);
    expect(pollDelay(10)).toBe(30_000);
    const t2 = timers();
    watchScan(read, vi.fn(), t2);
    let polls = 0;
    while (t2.list.length) {
      t2.list.shift()!.fn();
      polls++;
      await settle();
    }
    expect(polls).toBe(MAX_POLLS);
  });
});
