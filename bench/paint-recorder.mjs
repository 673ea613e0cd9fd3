// What the shopper saw, frame by frame: injected into a page before any of its scripts
// (`context.addInitScript(recordPaints, selectors)`), it samples every slot in every animation frame.
// requestAnimationFrame callbacks run in each rendering update right before style, layout and paint,
// and tasks cannot run in between, so the state seen there is the state painted in that frame.
// Results are on `window.__paints`; read them with `paintReport(page)`.

/**
 * Runs in the page. Per frame and slot: 'absent', 'hidden' (visibility: hidden, the script's
 * hiding style), 'default' (visible, no decision rendered: no `data-p13n-rule`), or 'personalized'.
 * @param {Record<string, string>} slots name → CSS selector
 */
export function recordPaints(slots) {
  const state = (element) => {
    if (!element) return 'absent';
    if (getComputedStyle(element).visibility === 'hidden') return 'hidden';
    return element.hasAttribute('data-p13n-rule') ? 'personalized' : 'default';
  };
  const record = { frames: [], longTasks: [], readyAt: null };
  window.__paints = record;
  document.addEventListener('p13n:ready', () => {
    record.readyAt = performance.now();
  });
  const frame = (time) => {
    const seen = {};
    for (const [name, selector] of Object.entries(slots)) seen[name] = state(document.querySelector(selector));
    record.frames.push({ time, seen });
    if (record.frames.length < 2000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: none are counted.
  }
}

/**
 * Summary per slot: when it was first painted visible (ms from navigation start), in how many frames
 * it was present but hidden, whether a frame showed the default before a later one showed the
 * personalized content (a flicker), and the final state.
 */
export async function paintReport(page, slots) {
  const record = await page.evaluate(() => ({
    ...window.__paints,
    firstPaint: performance.getEntriesByType('paint')[0]?.startTime ?? 0,
  }));
  // Chromium runs animation frames before its first paint (it holds commits while the page loads):
  // those frames are not counted as hidden, and nothing before the first paint counts as revealed.
  const painted = (time) => time >= record.firstPaint - 17;
  const out = {};
  for (const name of Object.keys(slots)) {
    let revealedAt = null;
    let hiddenFrames = 0;
    let sawDefault = false;
    let flicker = false;
    let last = 'absent';
    for (const { time, seen } of record.frames) {
      const now = seen[name];
      if (now === 'hidden' && painted(time)) hiddenFrames++;
      if ((now === 'default' || now === 'personalized') && revealedAt === null && painted(time))
        revealedAt = Math.max(time, record.firstPaint);
      if (now === 'default') sawDefault = true;
      if (now === 'personalized' && sawDefault) flicker = true;
      last = now;
    }
    out[name] = { revealedAt, hiddenFrames, flicker, final: last, frames: record.frames.length };
  }
  return { slots: out, longTasks: record.longTasks, readyAt: record.readyAt, firstPaint: record.firstPaint };
}
