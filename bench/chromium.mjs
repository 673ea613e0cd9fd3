// Debian's Chromium for the bench, with the flags test/browser/global-setup.ts uses on this sandboxed
// machine (no network, no GPU, no sandbox), plus a DevTools port for Lighthouse.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** As CHROMIUM_ARGS in test/browser/global-setup.ts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Starts headless Chromium listening on a free DevTools port (read from its "DevTools listening on"
 * line, so no port is guessed). Rejects after `timeoutMs` if it never says so.
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
export function launchWithDebuggingPort({ timeoutMs = 30_000 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'p13n-bench-chromium-'));
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      '--remote-debugging-port=0',
      '--remote-debugging-address=127.0.0.1',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise((done) => child.once('exit', done));
  const close = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(profile, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let seen = '';
    const fail = (error) => {
      clearTimeout(timer);
      close().finally(() => reject(error));
    };
    const timer = setTimeout(
      () =>
        fail(
          new Error(`${CHROMIUM_PATH} did not open a DevTools port in ${timeoutMs / 1000} s:\n${seen.slice(-2000)}`),
        ),
      timeoutMs,
    );
    child.once('error', fail);
    const onExit = (code) =>
      fail(new Error(`${CHROMIUM_PATH} exited (${code}) before opening a DevTools port:\n${seen.slice(-2000)}`));
    child.once('exit', onExit);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      if (seen.length < 100_000) seen += chunk;
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.stderr.removeAllListeners('data');
        child.stderr.resume(); // keep draining, or a chatty browser blocks on a full pipe
        resolve({ port: Number(match[1]), close });
      }
    });
  });
}
