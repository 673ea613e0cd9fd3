// @vitest-environment node
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveConfig, schemaRefFor } from '../../../../src/tools/studio/save.js';

const ROOT = join(import.meta.dirname, '../../../..');
const config = {
  segments: { vip: "tags CONTAINS 'vip'" },
  slots: { hero: { rules: [{ id: 'vip', when: 'vip', content: { type: 'hide' } }] } },
};

describe('schemaRefFor()', () => {
  it('points at the installed package next to the config, or above it', () => {
    const store = mkdtempSync(join(tmpdir(), 'p13n-ref-'));
    mkdirSync(join(store, 'node_modules/p13n/schema'), { recursive: true });
    writeFileSync(join(store, 'node_modules/p13n/schema/p13n.schema.json'), '{}');
    mkdirSync(join(store, 'config'));
    expect(schemaRefFor(join(store, 'p13n.json'), ROOT)).toBe('./node_modules/p13n/schema/p13n.schema.json');
    expect(schemaRefFor(join(store, 'config/p13n.json'), ROOT)).toBe('../node_modules/p13n/schema/p13n.schema.json');
  });
  it('falls back to the running package’s schema, as a relative path (the demo in a clone)', () => {
    expect(schemaRefFor(join(ROOT, 'demo/p13n.json'), ROOT)).toBe('../schema/p13n.schema.json');
  });
});

describe('saveConfig()', () => {
  it('writes nothing when the config has an error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'p13n-save-'));
    const result = await saveConfig(
      join(folder, 'p13n.json'),
      JSON.stringify({ segments: { a: 'vists > 1' }, slots: {} }),
      ROOT,
    );
    expect(result.ok).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });
  it('writes the config with $schema first, keeps one that resolves, and leaves no temporary file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'p13n-save-'));
    const file = join(folder, 'p13n.json');
    const result = await saveConfig(file, JSON.stringify({ ...config, $schema: './nowhere.json' }), ROOT);
    expect(result.ok).toBe(true);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(written)[0]).toBe('$schema');
    expect(written.$schema).not.toBe('./nowhere.json'); // it did not resolve: replaced by one that does
    expect(readdirSync(folder)).toEqual(['p13n.json']);
    writeFileSync(join(folder, 'mine.json'), '{}');
    await saveConfig(file, JSON.stringify({ $schema: './mine.json', ...config }), ROOT);
    expect(JSON.parse(readFileSync(file, 'utf8')).$schema).toBe('./mine.json');
  });
});
