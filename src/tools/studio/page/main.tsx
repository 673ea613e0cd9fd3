/**
 * The studio page's entry (dist/studio/studio.js): reads the token from the URL, fetches the config
 * from the local server and mounts the app. Every API call carries the token in a header.
 */
import { render } from 'preact';
import type { ConfigPayload } from '../server.js';
import { App, type SaveRequest } from './app.js';

const TOKEN_HEADER = 'x-p13n-token';
const token = new URLSearchParams(location.search).get('token') ?? '';
const root = document.getElementById('studio')!;

const save: SaveRequest = async (text) => {
  const response = await fetch('/api/config', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
    body: text,
  });
  if (response.status !== 200 && response.status !== 422) throw new Error(await response.text());
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
  .then((payload) => render(<App payload={payload} save={save} />, root))
  .catch((error: Error) => {
    root.textContent = `The studio cannot load the config: ${error.message}`;
  });
