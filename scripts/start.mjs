// `npm start`: builds dist/, then serves the demo store until stopped. npm runs a script through
// `sh -c`, and the shell does not pass a SIGTERM on to its child: stopping npm by its process id used
// to leave `node demo/serve.mjs` listening. So this process forwards the stop signals to the server
// and also stops it when its own parent goes away (the shell dies: the parent id changes). No `exec`
// in package.json, which Windows' cmd.exe lacks.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** How often to look for a dead parent: stopping within a second is soon enough for a dev server. */
const PARENT_CHECK_MS = 500;

execFileSync(process.execPath, ['build.mjs'], { stdio: 'inherit', cwd: root });
const server = spawn(process.execPath, ['demo/serve.mjs'], { stdio: 'inherit', cwd: root });
const stop = (signal) => {
  if (server.exitCode === null) server.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, PARENT_CHECK_MS);
server.on('exit', (code, signal) => {
  clearInterval(watch);
  process.exit(code ?? (signal ? 0 : 1));
});
