import { describe, expect, it } from 'vitest';
import { ownerHtmlFragment } from '../../../src/edge/render/html.js';

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

  it('percent-encodes a token in a link, so visitor data can never choose its scheme or host', () => {
    const fragment = ownerHtmlFragment(document, '<a href="{{campaign}}">x</a><a href="/search?q={{source}}">y</a><a href="{{term}}">z</a>', {
      campaign: 'javascript:alert(1)', source: 'a&b=c', term: 'https://evil.example/',
    });
    const [script, search, offsite] = Array.from(fragment.querySelectorAll('a'), (a) => a.getAttribute('href'));
    expect(script).toBe('javascript%3Aalert(1)');
    expect(new URL(script!, 'https://shop.example/').protocol).toBe('https:');
    expect(search).toBe('/search?q=a%26b%3Dc');
    expect(new URL(offsite!, 'https://shop.example/').host).toBe('shop.example');
  });

  it('lets a token in a style attribute be a value, never a declaration or a url()', () => {
    const fragment = ownerHtmlFragment(document, '<p style="--visits: {{visits}}; color: {{campaign}}">x</p>', { visits: 3, campaign: 'red; background: url(https://evil.example/t)' });
    expect(fragment.querySelector('p')!.getAttribute('style')).toBe('--visits: 3; color: red background urlhttpsevil.examplet');
  });

  it('still drops an unsafe link the owner wrote, token or not', () => {
    const fragment = ownerHtmlFragment(document, '<a href="javascript:{{campaign}}">x</a>', { campaign: 'alert(1)' });
    expect(fragment.querySelector('a')!.hasAttribute('href')).toBe(false);
  });

  it('removes SVG animation that would set a link to a token after the checks', () => {
    const html = '<svg><a><animate attributeName="href" values="{{campaign}}"/><set attributeName="xlink:href" to="x"/><animate attributeName="opacity" values="0;1"/><text>go</text></a></svg>';
    const fragment = ownerHtmlFragment(document, html, { campaign: 'javascript:alert(1)' });
    expect(Array.from(fragment.querySelectorAll('animate,set'), (e) => e.getAttribute('attributeName'))).toEqual(['opacity']);
  });
});
