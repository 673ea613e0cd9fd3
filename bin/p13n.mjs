#!/usr/bin/env node
// `npx p13n <command>`: the store owner's command line. The commands live in src/tools/cli/ and are built
// into dist/cli.mjs with the rest (`npm run build`); a fresh checkout builds it on first use.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli.mjs`;
if (!existsSync(cli)) {
  // Only a clone of the repository lacks dist/; an installed package always ships it.
  if (!existsSync(`${root}build.mjs`)) {
    console.error(`p13n: ${cli} is missing: reinstall the package (npm install p13n)`);
    process.exit(1);
  }
  execFileSync(process.execPath, [`${root}build.mjs`, '--quiet'], { stdio: 'inherit', cwd: root });
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
