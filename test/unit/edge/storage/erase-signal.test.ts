/**
 * How pages of one origin hear of an erase made on another: the marker in localStorage, compared
 * before each write, and the BroadcastChannel and storage event that tell at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ERASED_KEY, watchErase, type EraseKind } from '../../../../src/edge/storage/erase-signal.js';

afterEach(() => localStorage.clear());

/** Two pages of the origin in one window: each has its own signal, as two tabs would. */
function twoPages() {
  const heard: Record<'a' | 'b', EraseKind[]> = { a: [], b: [] };
  const a = watchErase(window, (kind) => heard.a.push(kind));
  const b = watchErase(window, (kind) => heard.b.push(kind));
  return { a, b, heard };
}

describe('watchErase()', () => {
  it('is not stale before any erase, nor when there is no marker at all', () => {
    const { a } = twoPages();
    expect(a.stale()).toBe(false);
    localStorage.setItem(ERASED_KEY, '4:forget:abc');
    localStorage.removeItem(ERASED_KEY); // cleared by another script: that erases nothing of ours
    expect(a.stale()).toBe(false);
  });

  it('makes every other page stale at once, and not the page that erased', () => {
    const { a, b } = twoPages();
    b.announce('forget');
    expect(a.stale()).toBe(true);
    expect(b.stale()).toBe(false);
  });

  it('takes an erase in once, with its kind, however many ways it is told', async () => {
    const { a, b, heard } = twoPages();
    b.announce('refused');
    const marker = localStorage.getItem(ERASED_KEY);
    expect(marker).toMatch(/^1:refused:[a-z0-9]+$/);
    a.check();
    a.check();
    window.dispatchEvent(new StorageEvent('storage', { key: ERASED_KEY, newValue: marker }));
    await new Promise((resolve) => setTimeout(resolve, 0)); // a BroadcastChannel message, if it delivers one
    expect(heard.a).toEqual(['refused']);
    expect(a.stale()).toBe(false);
    expect(heard.b).toEqual([]);
  });

  it('counts erases, so a later one is told apart from an earlier one', () => {
    const { a, b, heard } = twoPages();
    b.announce('forget');
    a.check();
    b.announce('forget');
    expect(localStorage.getItem(ERASED_KEY)).toMatch(/^2:forget:/);
    expect(a.stale()).toBe(true);
    a.check();
    expect(heard.a).toEqual(['forget', 'forget']);
  });

  it('ignores what is not a marker of ours (oversized)', () => {
    const { a, heard } = twoPages();
    localStorage.setItem(ERASED_KEY, 'x'.repeat(500));
    expect(a.stale()).toBe(false);
    a.check();
    expect(heard.a).toEqual([]);
  });
});
