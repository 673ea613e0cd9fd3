// The hero images of the LCP page: three photographs' stand-ins (JPEG, 828×552, about the same
// bytes each, so no variant wins by a lighter image), drawn on a canvas in Chromium and kept in a
// cache directory, so the repository holds no binaries and every run serves the same bytes.
//
// A flat drawing compresses to a few KB, which would make the image's download (the part of the
// LCP a script can delay or win) vanish; gradients, shapes and a seeded grain bring each one to
// about TARGET_BYTES, the weight of a phone-sized hero photo at a store's usual quality.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';

export const WIDTH = 828;
export const HEIGHT = 552;
const TARGET_BYTES = 60_000;

/** File name → [hue, seed]: a distinct colour each, so a screenshot tells them apart too. */
export const IMAGES = {
  'hero-default.jpg': [210, 1],
  'hero-newsletter.jpg': [25, 2],
  'hero-second.jpg': [130, 3],
};

const CACHE = join(tmpdir(), `p13n-bench-lcp-images-${WIDTH}x${HEIGHT}-${TARGET_BYTES}-v2`);

/** Runs in the page: a landscape in `hue`, with grain from a seeded PRNG, as JPEG bytes near `target`. */
async function draw({ width, height, hue, seed, target }) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  let state = seed * 2654435761;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sky = g.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, `hsl(${hue} 70% 80%)`);
  sky.addColorStop(1, `hsl(${(hue + 40) % 360} 60% 45%)`);
  g.fillStyle = sky;
  g.fillRect(0, 0, width, height);
  for (let ridge = 0; ridge < 4; ridge++) {
    g.fillStyle = `hsl(${(hue + 180 + ridge * 15) % 360} 35% ${55 - ridge * 12}%)`;
    g.beginPath();
    g.moveTo(0, height);
    for (let x = 0; x <= width; x += 24) g.lineTo(x, height * (0.45 + ridge * 0.13) - random() * 60);
    g.lineTo(width, height);
    g.fill();
  }
  const pixels = g.getImageData(0, 0, width, height);
  for (let i = 0; i < pixels.data.length; i += 4) {
    const grain = (random() - 0.5) * 26;
    pixels.data[i] += grain;
    pixels.data[i + 1] += grain;
    pixels.data[i + 2] += grain;
  }
  g.putImageData(pixels, 0, 0);
  // The quality whose bytes come nearest the target (bisection: bytes grow with quality).
  let low = 0.2;
  let high = 0.95;
  let best = { url: '', miss: Infinity };
  for (let step = 0; step < 8; step++) {
    const quality = (low + high) / 2;
    const url = canvas.toDataURL('image/jpeg', quality);
    const bytes = ((url.length - 'data:image/jpeg;base64,'.length) * 3) / 4;
    if (Math.abs(bytes - target) < best.miss) best = { url, miss: Math.abs(bytes - target) };
    if (bytes > target) high = quality;
    else low = quality;
  }
  return best.url.slice(best.url.indexOf(',') + 1);
}

/**
 * The images, generated on first use.
 * @returns {Promise<Record<string, Buffer>>} file name → JPEG bytes
 */
export async function heroImages() {
  const files = Object.keys(IMAGES);
  if (files.every((file) => existsSync(join(CACHE, file))))
    return Object.fromEntries(files.map((file) => [file, readFileSync(join(CACHE, file))]));
  mkdirSync(CACHE, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const out = {};
    for (const [file, [hue, seed]] of Object.entries(IMAGES)) {
      const base64 = await page.evaluate(draw, { width: WIDTH, height: HEIGHT, hue, seed, target: TARGET_BYTES });
      out[file] = Buffer.from(base64, 'base64');
      writeFileSync(join(CACHE, file), out[file]);
    }
    return out;
  } finally {
    await browser.close();
  }
}
