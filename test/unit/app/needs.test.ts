/**
 * Decisions stay exact while classifier parts load on demand (app/needs.ts): a run that read a missing
 * part is thrown away, the part loaded, the run repeated; a part that cannot load reads as unknown.
 */
import { describe, expect, it, vi } from 'vitest';
import { createParts } from '../../../src/app/needs.js';
import { classifyWith } from '../../../src/core/classify/facts.js';
import type { PageContext } from '../../../src/core/classify/context.js';
import { uaFacts } from '../../../src/core/classify/device.js';
import { countryForZone } from '../../../src/core/classify/location.js';
import { hemisphereOf } from '../../../src/core/classify/season.js';
import type { ChunkLoader } from '../../../src/edge/chunks.js';
import type { Bundled } from '../../../src/edge/chunks/contract.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ctx: PageContext = {
  url: 'https://shop.example/',
  referrer: '',
  title: '',
  userAgent: IPHONE,
  clientHints: null,
  maxTouchPoints: 5,
  language: 'nb-NO',
  timezone: 'Europe/Oslo',
  server: null,
  globalPrivacyControl: false,
};

/** A loader whose chunks arrive when the test says, or never (`fails`). */
function fakeLoader(fails: string[] = []) {
  const registry: { -readonly [K in keyof Bundled]: Bundled[K] } = {};
  const load = vi.fn(async (name: keyof Bundled) => {
    if (fails.includes(name)) return null;
    if (name === 'ua') registry.ua = { uaFacts };
    if (name === 'tz') registry.tz = { countryForZone, hemisphereOf };
    return registry[name] ?? null;
  });
  const loader = { load, loaded: (name: keyof Bundled) => registry[name] } as unknown as ChunkLoader;
  return { loader, load };
}

const options = { now: 0, internalHosts: [], loggedIn: null };

describe('createParts().settle()', () => {
  it('loads the part a run read and runs again, keeping only the run that missed nothing', async () => {
    const { loader, load } = fakeLoader();
    const parts = createParts(loader);
    const runs: Array<string | null> = [];
    const result = await parts.settle(() => {
      const facts = classifyWith(ctx, options, parts.parts, parts.missing);
      runs.push(facts.device.device);
      return facts.device.device === 'mobile' ? 'phone' : 'other';
    }, 1000);
    expect(runs).toEqual([null, 'mobile']);
    expect(result).toBe('phone');
    expect(load).toHaveBeenCalledWith('ua', 1000);
  });

  it('loads only what the run reached: a rule that never reads the country never loads the zone table', async () => {
    const { loader, load } = fakeLoader();
    const parts = createParts(loader);
    const facts = await parts.settle(() => classifyWith(ctx, options, parts.parts, parts.missing), 1000);
    expect(facts.location.language).toBe('nb');
    expect(load).not.toHaveBeenCalled();
  });

  it('ends with the fact unknown, not a loop, when its part cannot load', async () => {
    const { loader, load } = fakeLoader(['tz']);
    const parts = createParts(loader);
    const country = await parts.settle(
      () => classifyWith(ctx, options, parts.parts, parts.missing).location.country,
      1000,
    );
    expect(country).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('gives the server country without loading the zone table', async () => {
    const { loader, load } = fakeLoader();
    const parts = createParts(loader);
    const country = await parts.settle(
      () => classifyWith({ ...ctx, server: { country: 'se' } }, options, parts.parts, parts.missing).location.country,
      1000,
    );
    expect(country).toBe('SE');
    expect(load).not.toHaveBeenCalled();
  });

  it('waits for the zone table before a hemisphere, even with a server country (season and hemisphere read it)', async () => {
    const { loader, load } = fakeLoader();
    const parts = createParts(loader);
    const runs: Array<string | null> = [];
    const sydney = { ...ctx, timezone: 'Australia/Sydney', server: { country: 'AU' } };
    const hemisphere = await parts.settle(() => {
      const facts = classifyWith(sydney, options, parts.parts, parts.missing);
      runs.push(facts.location.hemisphere);
      return facts.location.hemisphere;
    }, 1000);
    expect(runs).toEqual([null, 'south']);
    expect(hemisphere).toBe('south');
    expect(load).toHaveBeenCalledWith('tz', 1000);
  });

  it('has no hemisphere, and loads nothing, without a time zone', async () => {
    const { loader, load } = fakeLoader();
    const parts = createParts(loader);
    const hemisphere = await parts.settle(
      () => classifyWith({ ...ctx, timezone: null }, options, parts.parts, parts.missing).location.hemisphere,
      1000,
    );
    expect(hemisphere).toBeNull();
    expect(load).not.toHaveBeenCalled();
  });
});

describe('classifyWith()', () => {
  it('reads a missing fact again once its part is there (never memoizes the unknown)', () => {
    const { loader } = fakeLoader();
    const parts = createParts(loader);
    const facts = classifyWith(ctx, options, parts.parts, parts.missing);
    expect(facts.location.country).toBeNull();
    void loader.load('tz', 1000);
    return Promise.resolve().then(() => expect(facts.location.country).toBe('NO'));
  });
});

describe('createParts().probe()', () => {
  it('says a run missed a part, and starts loading it', () => {
    const { loader, load } = fakeLoader();
    const parts = createParts(loader);
    const { missed } = parts.probe(() => classifyWith(ctx, options, parts.parts, parts.missing).device.os, 500);
    expect(missed).toBe(true);
    expect(load).toHaveBeenCalledWith('ua', 500);
  });
});
