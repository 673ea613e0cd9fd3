import { beforeEach, describe, expect, it } from 'vitest';
import { compileConfig } from '../../../../src/core/config/compile.js';
import { parseConfig } from '../../../../src/core/config/parse.js';
import type { Decision } from '../../../../src/core/decide/rules.js';
import { createRenderer, type View } from '../../../../src/edge/render/renderer.js';

const compiled = compileConfig(
  parseConfig({
    segments: {},
    slots: {
      hero: {
        rules: [
          { id: 'r1', content: { type: 'hero', heading: 'One' } },
          { id: 'r2', content: { type: 'hero', heading: 'Two' } },
        ],
      },
    },
  }).config,
);
const decision = (rule: 'r1' | 'r2' | null): Decision => ({
  slot: 'hero',
  selector: '[data-p13n-slot="hero"]',
  rule,
  variant: null,
  experiment: null,
  reason: 'test',
  content: rule === null ? null : { type: 'hero', heading: rule === 'r1' ? 'One' : 'Two' },
});
const view = (rule: 'r1' | 'r2' | null): View => ({ compiled, decisions: [decision(rule)], attrs: {} });
const warnings: string[] = [];
const hero = () => document.querySelector('[data-p13n-slot="hero"]')!;
let renderer: ReturnType<typeof createRenderer>;

beforeEach(() => {
  document.body.innerHTML = '<section data-p13n-slot="hero"><h1>Default</h1></section>';
  renderer = createRenderer(
    document,
    (_cause, message) => warnings.push(message),
    () => true,
  );
});

describe('createRenderer()', () => {
  it('renders a decision into a slot and reveals it', () => {
    renderer.renderAll(view('r1'));
    expect(hero().textContent).toBe('One');
    expect(hero().hasAttribute('data-p13n-ready')).toBe(true);
  });

  it('keeps the default a shopper has seen, for the first decision and for that same decision again', () => {
    expect(renderer.showDefaults(['[data-p13n-slot="hero"]'])).toBe(1);
    expect(hero().hasAttribute('data-p13n-ready')).toBe(true);
    renderer.renderAll(view('r1'));
    renderer.renderAll(view('r1'));
    expect(hero().textContent).toBe('Default');
    expect(hero().hasAttribute('data-p13n-rule')).toBe(false);
  });

  it('renders a later decision that differs from the one kept (the shopper acted)', () => {
    renderer.showDefaults(['[data-p13n-slot="hero"]']);
    renderer.renderAll(view('r1'));
    renderer.renderAll(view('r2'));
    expect(hero().textContent).toBe('Two');
    renderer.renderAll(view(null));
    expect(hero().textContent).toBe('Default');
  });

  it('does not count a slot that already has its decision as shown', () => {
    renderer.renderAll(view('r1'));
    expect(renderer.showDefaults(['[data-p13n-slot="hero"]'])).toBe(0);
    renderer.renderAll(view('r2'));
    expect(hero().textContent).toBe('Two');
  });

  it('renders slots added later on arrival, and after stopWaiting shows undecided ones with their default kept', async () => {
    renderer.observe(() => view('r1'));
    document.body.insertAdjacentHTML('beforeend', '<div data-p13n-slot="hero" id="late"><p>Late default</p></div>');
    await Promise.resolve();
    expect(document.getElementById('late')!.textContent).toBe('One');
    renderer.disconnect();

    let current: View = { compiled, decisions: [], attrs: {} }; // nothing decided yet
    renderer.observe(() => current);
    renderer.stopWaiting();
    document.body.insertAdjacentHTML('beforeend', '<div data-p13n-slot="hero" id="later"><p>Later default</p></div>');
    await Promise.resolve();
    const later = document.getElementById('later')!;
    expect(later.hasAttribute('data-p13n-ready')).toBe(true);
    current = view('r1');
    renderer.renderAll(current);
    expect(later.textContent).toBe('Later default');
    renderer.disconnect();
  });
});
