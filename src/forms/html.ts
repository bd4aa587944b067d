// The page every form panel loads: a strict CSP (nothing but our own script, by nonce, and styles
// from the extension's webview folder) and one module script that renders whatever form it is sent.
import { randomBytes } from 'node:crypto';

import type { ReopenState } from './reopen';

/** `reopen`: kept by the webview in its state, so the panel can be restored after a reload. */
export function formHtml(opts: { cspSource: string; scriptUri: string; title: string; reopen?: ReopenState }): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = [
    "default-src 'none'",
    `img-src ${opts.cspSource} data:`,
    `style-src ${opts.cspSource}`,
    `font-src ${opts.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(opts.title)}</title>
</head>
<body>
<main id="app"${opts.reopen ? ` data-reopen="${escapeHtml(JSON.stringify(opts.reopen))}"` : ''}></main>
<script type="module" nonce="${nonce}" src="${escapeHtml(opts.scriptUri)}"></script>
</body>
</html>`;
}

/** A panel that only says something (a form that could not be restored): no script at all. */
export function messageHtml(title: string, message: string): string {
  // VS Code's own webview stylesheet gives the text the theme's font and colours.
  const csp = "default-src 'none'";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<p role="alert">${escapeHtml(message)}</p>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
