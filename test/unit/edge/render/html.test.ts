import { describe, expect, it } from 'vitest';
import { ownerHtmlFragment } from '../../../../src/edge/render/html.js';

const toHtml = (fragment: DocumentFragment) => {
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
};

describe('ownerHtmlFragment()', () => {
  it('keeps ordinary markup', () => {
    expect(toHtml(ownerHtmlFragment(document, '<p class="x">Seen on <b>Instagram</b></p>', {}))).toBe(
      '<p class="x">Seen on <b>Instagram</b></p>',
    );
  });

  it('removes scripts, inline handlers and javascript: links', () => {
    const html = toHtml(
      ownerHtmlFragment(
        document,
        '<script>alert(1)</script><a href="javascript:alert(2)" onclick="alert(3)">x</a><img src=x onerror="alert(4)">',
        {},
      ),
    );
    expect(html).toBe('<a>x</a><img src="x">');
  });

  it('fills tokens as text, so a value with markup stays text', () => {
    const fragment = ownerHtmlFragment(document, '<p title="{{campaign}}">From {{campaign}}</p>', {
      campaign: '<b onmouseover=alert(1)>hi</b>',
    });
    const p = fragment.querySelector('p')!;
    expect(p.textContent).toBe('From <b onmouseover=alert(1)>hi</b>');
    expect(p.children).toHaveLength(0);
    expect(p.getAttribute('title')).toBe('<b onmouseover=alert(1)>hi</b>');
  });

  it('percent-encodes a token in a link, so visitor data can never choose its scheme or host', () => {
    const fragment = ownerHtmlFragment(
      document,
      '<a href="{{campaign}}">x</a><a href="/search?q={{source}}">y</a><a href="{{term}}">z</a>',
      {
        campaign: 'javascript:alert(1)',
        source: 'a&b=c',
        term: 'https://evil.example/',
      },
    );
    const [script, search, offsite] = Array.from(fragment.querySelectorAll('a'), (a) => a.getAttribute('href'));
    expect(script).toBe('javascript%3Aalert(1)');
    expect(new URL(script!, 'https://shop.example/').protocol).toBe('https:');
    expect(search).toBe('/search?q=a%26b%3Dc');
    expect(new URL(offsite!, 'https://shop.example/').host).toBe('shop.example');
  });

  it('lets no token into a style attribute: not even a harmless-looking value', () => {
    const fragment = ownerHtmlFragment(document, '<p style="--visits: {{visits}}; color: {{campaign|blue}}">x</p>', {
      visits: 3,
      campaign: 'red; background: url(https://evil.example/t)',
    });
    expect(fragment.querySelector('p')!.getAttribute('style')).toBe('--visits: ; color: blue');
  });

  it('still drops an unsafe link the owner wrote, token or not', () => {
    const fragment = ownerHtmlFragment(document, '<a href="javascript:{{campaign}}">x</a>', { campaign: 'alert(1)' });
    expect(fragment.querySelector('a')!.hasAttribute('href')).toBe(false);
  });

  it('removes SVG animation that would set a link to a token after the checks', () => {
    const html =
      '<svg><a><animate attributeName="href" values="{{campaign}}"/><set attributeName="xlink:href" to="x"/><animate attributeName="opacity" values="0;1"/><text>go</text></a></svg>';
    const fragment = ownerHtmlFragment(document, html, { campaign: 'javascript:alert(1)' });
    expect(Array.from(fragment.querySelectorAll('animate,set'), (e) => e.getAttribute('attributeName'))).toEqual([
      'opacity',
    ]);
  });
});

describe('ownerHtmlFragment(): templates and token contexts', () => {
  const evil = {
    campaign: 'https://evil.example/x.png',
    source: '"}body{visibility:hidden}*{background:url(https://evil.example/y)}',
  };

  it('cleans what a <template> holds, nested ones too', () => {
    const fragment = ownerHtmlFragment(
      document,
      '<template><img src=x onerror="alert(1)"><script>alert(2)</script><template><a href="javascript:alert(3)" onclick="alert(4)">y</a></template></template>',
      {},
    );
    const outer = fragment.querySelector('template')!;
    expect(outer.content.querySelector('img')!.hasAttribute('onerror')).toBe(false);
    expect(outer.content.querySelector('script')).toBeNull();
    const inner = outer.content.querySelector('template')!.content.querySelector('a')!;
    expect([inner.hasAttribute('href'), inner.hasAttribute('onclick')]).toEqual([false, false]);
  });

  it('removes templates nested past eight, rather than recursing without end', () => {
    const deep = `${'<template>'.repeat(12)}<b>deep</b>${'</template>'.repeat(12)}`;
    let level: DocumentFragment = ownerHtmlFragment(document, deep, {});
    let depth = 0;
    for (let t = level.querySelector('template'); t; t = level.querySelector('template')) {
      level = t.content;
      depth++;
    }
    expect(depth).toBe(8);
  });

  it('checks every srcset candidate: a token cannot become an address', () => {
    const img = ownerHtmlFragment(
      document,
      '<img srcset="{{campaign}} 1x, /img/b.png 2x, javascript:alert(1) 3x">',
      evil,
    ).querySelector('img')!;
    expect(img.getAttribute('srcset')).toBe('https%3A%2F%2Fevil.example%2Fx.png 1x, /img/b.png 2x');
    const link = ownerHtmlFragment(
      document,
      '<link rel="preload" as="image" imagesrcset="{{campaign}}">',
      evil,
    ).querySelector('link')!;
    expect(link.getAttribute('imagesrcset')).not.toContain('//evil.example');
  });

  it.each(['cite', 'data', 'longdesc', 'usemap'])('treats %s as a URL', (name) => {
    const element = ownerHtmlFragment(
      document,
      `<q ${name}="{{campaign}}">q</q><q ${name}="javascript:alert(1)">q</q>`,
      evil,
    ).querySelectorAll('q');
    expect(element[0]!.getAttribute(name)).toBe('https%3A%2F%2Fevil.example%2Fx.png');
    expect(element[1]!.hasAttribute(name)).toBe(false);
  });

  it("lets no token into CSS: <style> text and style attributes keep only the owner's fallback", () => {
    const fragment = ownerHtmlFragment(
      document,
      '<style>.x{color:{{source}}} .y{color:{{campaign|red}}}</style><p style="color: {{source}}; margin: 0">p</p>',
      evil,
    );
    expect(fragment.querySelector('style')!.textContent).toBe('.x{color:} .y{color:red}');
    expect(fragment.querySelector('p')!.getAttribute('style')).toBe('color: ; margin: 0');
  });

  it('lets no token into SVG animation values', () => {
    const set = ownerHtmlFragment(
      document,
      '<svg><set attributeName="style" to="{{source}}"/></svg>',
      evil,
    ).querySelector('set')!;
    expect(set.getAttribute('to')).toBe('');
  });
});
