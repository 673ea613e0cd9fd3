/** The studio's one HTML page: a shell for the Preact app in `dist/studio/studio.js`. */
export function pageHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>p13n studio</title><link rel="stylesheet" href="/studio.css"></head>
<body><div id="studio"><p class="studio-loading">Loading the studio…</p></div><script src="/studio.js"></script></body></html>
`;
}
