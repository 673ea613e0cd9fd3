/**
 * `p13n shopify CONFIG --out DIR`: the theme files for that config (snippets/p13n.liquid + assets/), to
 * upload into the theme and render in `<head>` with `{% render 'p13n' %}`, and the custom pixel to paste
 * in the admin. The config is validated first, with the same output as `p13n validate`: an error writes
 * nothing. Then what would not work on a Shopify store (an endpoint or images that are paths on the
 * store) is a warning in the same report; the files are still written.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PIXEL_FILE, writeThemeFiles } from '../shopify/files.js';
import { shopifyStoreProblems } from '../shopify/store-check.js';
import type { Command } from './main.js';
import { printProblems } from './print-problems.js';
import { checkFile } from './validate.js';

const USAGE = 'usage: p13n shopify CONFIG.json --out DIR\n';

/** dist/: this command runs from dist/cli.mjs, next to personalize.js. */
const DIST = dirname(fileURLToPath(import.meta.url));

export const run: Command = async (args, io) => {
  const at = args.indexOf('--out');
  const out = at >= 0 ? args[at + 1] : undefined;
  const files = args.filter((arg, index) => !arg.startsWith('-') && index !== at + 1);
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (files.length !== 1 || !out || args.some((arg) => arg.startsWith('-') && arg !== '--out')) {
    io.stderr.write(USAGE);
    return 2;
  }
  const configPath = resolve(io.cwd, files[0]!);
  const checked = await checkFile(configPath, files[0]!);
  if (checked.problems.some((problem) => problem.severity === 'error')) {
    io.stderr.write(`${checked.report}nothing written: fix the errors above first\n`);
    return 1;
  }
  const { readFile } = await import('node:fs/promises');
  const text = (await readFile(configPath, 'utf8')).replace(/^\uFEFF/, '');
  const problems = [...checked.problems, ...shopifyStoreProblems(JSON.parse(text))];
  if (problems.length) io.stdout.write(`${printProblems(files[0]!, problems, text)}\n`);
  try {
    const written = writeThemeFiles(resolve(io.cwd, out), text, process.env.P13N_DIST ?? DIST);
    io.stdout.write(
      [
        'wrote:',
        ...written.map((file) => `  ${out}/${file}`),
        'next:',
        `  1. upload ${out}/snippets/ and ${out}/assets/ into your theme (Online Store → Themes → ⋯ → Edit code),`,
        "     then add {% render 'p13n' %} inside <head> of layout/theme.liquid",
        `  2. paste ${out}/${PIXEL_FILE} as is under Settings → Customer events → Add custom pixel, then Connect:`,
        '     it counts purchases for your tests (it is not a theme file: do not upload it)',
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    io.stderr.write(`p13n shopify: ${(error as Error).message}\n`);
    return 1;
  }
};
