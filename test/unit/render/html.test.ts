import { describe, expect, it } from 'vitest';
import { ownerHtmlFragment } from '../../../src/render/html.js';

const toHtml = (fragment: DocumentFragment) => {
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
};

describe('ownerHtmlFragment()', () => {
  it('keeps ordinary markup', () => {
    expect(toHtml(ownerHtmlFragment(document, '<p class="x">Seen on <b>Instagram</b></p>', {}))).toBe('<p class="x">Seen on <b>Instagram</b></p>');
  });

  it('removes scripts, inline handlers and javascript: links', () => {
    const html = toHtml(ownerHtmlFragment(document, '<script>alert(1)</script><a href="javascript:alert(2)" onclick="alert(3)">x</a><img src=x onerror="alert(4)">', {}));
    expect(html).toBe('<a>x</a><img src="x">');
  });

  it('fills tokens as text, so a value with markup stays text', () => {
    const fragment = ownerHtmlFragment(document, '<p title="{{campaign}}">From {{campaign}}</p>', { campaign: '<b onmouseover=alert(1)>hi</b>' });
    const p = fragment.querySelector('p')!;
    expect(p.textContent).toBe('From <b onmouseover=alert(1)>hi</b>');
    expect(p.children).toHaveLength(0);
    expect(p.getAttribute('title')).toBe('<b onmouseover=alert(1)>hi</b>');
  });

  it('drops a link whose token makes it unsafe', () => {
    const fragment = ownerHtmlFragment(document, '<a href="{{campaign}}">x</a>', { campaign: 'javascript:alert(1)' });
    expect(fragment.querySelector('a')!.hasAttribute('href')).toBe(false);
  });
});
