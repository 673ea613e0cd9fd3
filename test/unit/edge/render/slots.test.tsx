import { beforeEach, describe, expect, it } from 'vitest';
import type { Decision } from '../../../../src/core/decide/rules.js';
import { renderDecision } from '../../../../src/edge/render/slots.js';
import { READY_ATTRIBUTE } from '../../../../src/edge/render/style.js';

const decision = (content: Decision['content'], rule: string | null = 'r1'): Decision => ({
  slot: 'hero',
  selector: '[data-p13n-slot="hero"]',
  rule,
  variant: null,
  content,
  experiment: null,
  reason: 'test',
});

let slot: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<section data-p13n-slot="hero"><h1 id="default">Default hero</h1></section>';
  slot = document.querySelector('section')!;
});

describe('renderDecision()', () => {
  it('renders a hero in place of the default and reveals the slot', () => {
    renderDecision(
      slot,
      decision({ type: 'hero', heading: 'Welcome back, visit {{visits}}', cta: { label: 'Shop', href: '/sale' } }),
      { visits: 4 },
    );
    expect(slot.querySelector('.p13n-hero__heading')!.textContent).toBe('Welcome back, visit 4');
    expect(slot.querySelector('a')!.getAttribute('href')).toBe('/sale');
    expect(slot.querySelector('#default')).toBeNull();
    expect(slot.hasAttribute(READY_ATTRIBUTE)).toBe(true);
    expect(slot.getAttribute('data-p13n-rule')).toBe('r1');
  });

  it('puts the same default nodes back when a later decision keeps the default', () => {
    const original = slot.querySelector('#default');
    renderDecision(slot, decision({ type: 'html', html: '<p>Sale</p>' }), {});
    renderDecision(slot, decision(null, null), {});
    expect(slot.querySelector('#default')).toBe(original);
    expect(slot.hasAttribute('data-p13n-rule')).toBe(false);
  });

  it('does not touch a slot whose decision did not change', () => {
    const content = {
      type: 'products',
      title: 'For you',
      items: [{ title: 'Shoe', price: '$90', href: '/products/shoe' }],
    } as const;
    expect(renderDecision(slot, decision(content), {})).toBe(true);
    const list = slot.querySelector('ul');
    expect(renderDecision(slot, decision(content), {})).toBe(false);
    expect(slot.querySelector('ul')).toBe(list);
  });

  it('hides the slot for hide content and shows it again for default', () => {
    renderDecision(slot, decision({ type: 'hide' }), {});
    expect(slot.style.getPropertyValue('display')).toBe('none');
    renderDecision(slot, decision(null, null), {});
    expect(slot.style.getPropertyValue('display')).toBe('');
  });

  it('renders text from tokens as text, never markup', () => {
    renderDecision(slot, decision({ type: 'hero', heading: '{{campaign}}' }), {
      campaign: '<img src=x onerror=alert(1)>',
    });
    expect(slot.querySelector('img')).toBeNull();
    expect(slot.querySelector('h2')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('drops a javascript: call-to-action link', () => {
    renderDecision(
      slot,
      decision({ type: 'hero', heading: 'x', cta: { label: 'Go', href: 'javascript:alert(1)' } }),
      {},
    );
    expect(slot.querySelector('a')).toBeNull();
  });
});
