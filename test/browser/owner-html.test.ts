/**
 * Owner HTML in real Chromium, with the payloads an adversarial review tried: a `<template>` a theme clones later runs
 * nothing, a visitor's `utm_campaign` in a `srcset` fetches nothing of its choosing, and in CSS it
 * hides nothing and loads nothing.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { fixtureHtml, newContext, type Watched } from './harness.js';
import { openPage } from './pages.js';

const html = [
  '<template id="owner-template"><img src="/img/none.png" onerror="window.__xss = (window.__xss || 0) + 1"><p>from the template</p></template>',
  '<img class="picture" src="/img/a.svg" srcset="{{campaign}} 1x, /img/a.svg 2x" alt="">',
  // The token inside a CSS string, as an owner would write it: the payload closes the string and the rule.
  '<style>.p13n-html .note::after { content: " ({{campaign}})"; }</style><p class="note" style="color: {{campaign}}">note</p>',
].join('');
const config = { slots: { owner: { rules: [{ id: 'owner', content: { type: 'html', html } }] } } };
const body = '<main><section data-p13n-slot="owner"><p>Default</p></section><div id="theme-target"></div></main>';
/** The theme's own code, later: it clones the template the owner's content brought. */
const head = `<script>
  window.__xss = 0;
  window.cloneOwnerTemplate = () => {
    const template = document.getElementById('owner-template');
    document.getElementById('theme-target').append(template.content.cloneNode(true));
  };
</script>`;

let context: BrowserContext | undefined;
// Closed after each test by harness.ts.

async function open(campaign: string): Promise<{ watched: Watched; fetched: string[] }> {
  context = await newContext({ timezoneId: 'America/New_York' });
  const fetched: string[] = [];
  await context.route('https://evil.example/**', (route) => {
    fetched.push(route.request().url());
    return route.abort();
  });
  const watched = await openPage(
    `/fixture/owner-html?utm_source=newsletter&utm_campaign=${encodeURIComponent(campaign)}`,
    {
      context,
      html: fixtureHtml({ config, body, head }),
      serveAt: '/fixture/owner-html*',
    },
  );
  await watched.page.waitForLoadState('load'); // every image the content asked for has loaded or failed
  return { watched, fetched };
}

describe('owner HTML with visitor tokens', () => {
  it('a <template> the theme clones runs nothing', async () => {
    const { watched } = await open('winter');
    await watched.page.evaluate(() => (window as unknown as { cloneOwnerTemplate(): void }).cloneOwnerTemplate());
    const image = watched.page.locator('#theme-target img');
    await expect(image.evaluate((img: HTMLImageElement) => img.hasAttribute('onerror'))).resolves.toBe(false);
    // The cloned image's error event has fired by the time its load settles; nothing counted it.
    await image.evaluate(
      (img: HTMLImageElement) =>
        img.complete ||
        new Promise((settle) => {
          img.onload = img.onerror = settle;
        }),
    );
    expect(await watched.page.locator('#theme-target p').innerText()).toBe('from the template');
    expect(await watched.page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    expect(watched.errors).toEqual([]);
  });

  it('a campaign URL in srcset is never fetched', async () => {
    const { watched, fetched } = await open('https://evil.example/x.png');
    const picture = watched.page.locator('[data-p13n-slot="owner"] img.picture');
    await picture.evaluate(
      (img: HTMLImageElement) =>
        img.complete ||
        new Promise((settle) => {
          img.onload = img.onerror = settle;
        }),
    );
    expect(await picture.getAttribute('srcset')).not.toContain('//evil.example');
    expect(fetched).toEqual([]);
  });

  it('a campaign that closes a CSS rule hides nothing and loads nothing', async () => {
    const { watched, fetched } = await open(
      '"}body{visibility:hidden} *{background:url(https://evil.example/css.png)}',
    );
    const state = await watched.page.evaluate(() => ({
      body: getComputedStyle(document.body).visibility,
      note: getComputedStyle(document.querySelector('.note')!).visibility,
      background: getComputedStyle(document.querySelector('.note')!).backgroundImage,
    }));
    expect(state).toEqual({ body: 'visible', note: 'visible', background: 'none' });
    expect(fetched).toEqual([]);
  });
});
