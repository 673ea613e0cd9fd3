/**
 * The studio page's entry (dist/studio/studio.js): reads the token from the URL, fetches the config
 * from the local server and mounts the app. Every API call carries the token in a header.
 */
import { render } from 'preact';
import type { ConfigPayload } from '../server.js';
import { App, type SaveRequest } from './app.js';
import type { FetchInstall } from './shopify-panel.js';

const TOKEN_HEADER = 'x-p13n-token';
const BASE_HEADER = 'x-p13n-base-version';
const token = new URLSearchParams(location.search).get('token') ?? '';
const root = document.getElementById('studio')!;

const save: SaveRequest = async (text, base) => {
  const response = await fetch('/api/config', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token, [BASE_HEADER]: base },
    body: text,
  });
  // 409: the file changed on disk since `base`; the answer carries what is there now.
  if (![200, 409, 422].includes(response.status)) throw new Error(await response.text());
  return response.json();
};

const fetchInstall: FetchInstall = async (text) => {
  const response = await fetch('/api/install', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
    body: text,
  });
  if (!response.ok) throw new Error(await response.text());
  return response.json();
};

fetch('/api/config', { headers: { [TOKEN_HEADER]: token } })
  .then(async (response) => {
    if (!response.ok)
      throw new Error(
        response.status === 403
          ? 'open the studio with the address it printed (it has a token)'
          : await response.text(),
      );
    return response.json() as Promise<ConfigPayload>;
  })
  .then((payload) => render(<App payload={payload} save={save} fetchInstall={fetchInstall} />, root))
  .catch((error: Error) => {
    root.textContent = `The studio cannot load the config: ${error.message}`;
  });
