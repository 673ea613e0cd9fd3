/**
 * The API when boot itself failed: personalization is off for the page view, one warning says so, and
 * no call made before or after leaves a theme awaiting a promise that never settles.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createController } from '../../../src/app/boot.js';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const settles = (promise: Promise<unknown>) =>
  Promise.race([promise.then(() => 'settled'), new Promise((resolve) => setTimeout(() => resolve('pending'), 500))]);

describe('a boot that throws', () => {
  it('shows the defaults, warns once, and settles every API call', async () => {
    document.body.innerHTML = '<section data-p13n-slot="hero">Default hero</section>';
    vi.spyOn(document, 'getElementById').mockImplementation(() => {
      throw new Error('theme broke the DOM');
    });
    const warnings: string[] = [];
    const api = createController(window, null, (_cause, message) => warnings.push(message), 'test');
    // Called before boot has ended, as a consent banner or a theme may.
    const early = [api.consent(true), api.refresh(), api.forget()];
    await api.ready;
    expect(await Promise.all(early.map(settles))).toEqual(['settled', 'settled', 'settled']);
    expect(await Promise.all([api.consent(false), api.refresh()].map(settles))).toEqual(['settled', 'settled']);
    expect(warnings).toEqual([
      expect.stringMatching(/^personalization is off for this page view: Error: theme broke the DOM/),
    ]);
    expect(api.decisions()).toEqual([]);
    expect(api.profile()).toBeNull();
  });
});
