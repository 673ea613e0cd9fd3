/**
 * One Chromium and one demo server for the whole browser run. Each test file connects to the
 * browser over its WebSocket endpoint and opens its own contexts (fresh IndexedDB per context).
 */
import { chromium, type BrowserServer } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startDemoServer } from '../../demo/serve.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    wsEndpoint: string;
    baseUrl: string;
  }
}

export { CHROMIUM_ARGS, CHROMIUM_PATH };

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  // The browser tests load the built bundle, exactly what a store owner hosts.
  execFileSync(process.execPath, ['build.mjs', '--quiet'], { stdio: 'inherit' });
  const server: BrowserServer = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const demo = await startDemoServer({ port: 0 });
  project.provide('wsEndpoint', server.wsEndpoint());
  project.provide('baseUrl', demo.url.replace(/\/$/, ''));
  return async () => {
    await demo.close();
    await server.close();
  };
}
