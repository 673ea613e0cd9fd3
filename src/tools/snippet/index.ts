/**
 * The ahead-of-time compiler as a library (dist/snippet.mjs): the demo store and the benchmarks serve
 * the install `p13n snippet` prints, from the same code.
 */
export { compileInstall, cspSources, earlyUrl, hidingStyle, installHtml, type Install } from './install.js';
export { describeTimings, ruleTimings } from './timing.js';
