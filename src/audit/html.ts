// The Show Audit Trail page: the whole table rendered here (escaped), filtered in the page by one
// small inline script allowed by its nonce and nothing else (the form panels' strict CSP). The
// page only ever posts {type: 'export', format, filter} or {type: 'refresh'} back; the host checks that with a schema.
import { randomBytes } from 'node:crypto';
import { API_LABELS } from '../core/model';
import * as z from '../core/zod';
import type { AuditEntry } from './trail';

const filterSchema = z.object({ connection: z.string(), api: z.string(), outcome: z.string(), text: z.string().check(z.maxLength(1000)) });
export type AuditFilter = z.infer<typeof filterSchema>;
/** What the page may post: export what it lists now (its filter), or read the trail again. */
export const auditMessageSchema = z.union([z.object({ type: z.literal('export'), format: z.enum(['csv', 'json']), filter: z.optional(filterSchema) }), z.object({ type: z.literal('refresh') })]);
export type AuditMessage = z.infer<typeof auditMessageSchema>;

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** 'done 201', 'failed 422', 'unknown', …: what the Result column says and its filter matches. */
export function resultText(e: Pick<AuditEntry, 'outcome' | 'status'>): string {
  return e.status !== undefined ? `${e.outcome} ${e.status}` : e.outcome;
}

/** The texts of an entry's row, as shown: what the text filter searches, here and in the page. */
export function cellsOf(e: AuditEntry, locale?: string): string[] {
  const d = new Date(e.time);
  const time = Number.isNaN(d.getTime()) ? e.time : d.toLocaleString(locale);
  return [time, e.connectionName, API_LABELS[e.api], e.method, e.path, resultText(e), e.companyName ?? e.companyId ?? '', e.requestId ?? ''];
}

/** The entries the page lists under this filter (the same test as the page's script). */
export function filterEntries(entries: readonly AuditEntry[], f: AuditFilter, locale?: string): AuditEntry[] {
  const text = f.text.trim().toLowerCase();
  return entries.filter((e) => (!f.connection || e.connectionId === f.connection) && (!f.api || e.api === f.api) && (!f.outcome || e.outcome === f.outcome) && (!text || cellsOf(e, locale).join('').toLowerCase().includes(text)));
}

function options(values: Iterable<[string, string]>): string {
  return [...values].map(([v, label]) => `<option value="${esc(v)}">${esc(label)}</option>`).join('');
}

export function auditHtml(entries: readonly AuditEntry[], opts: { title: string; locale?: string }): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = ["default-src 'none'", `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, "form-action 'none'", "base-uri 'none'"].join('; ');
  const connections = new Map(entries.map((e) => [e.connectionId, e.connectionName]));
  const apis = new Map(entries.map((e) => [e.api, API_LABELS[e.api]]));
  const outcomes = new Map(entries.map((e) => [e.outcome, e.outcome]));
  const rows = entries
    .map(
      (e) =>
        `<tr data-connection="${esc(e.connectionId)}" data-api="${esc(e.api)}" data-outcome="${esc(e.outcome)}">` +
        cellsOf(e, opts.locale).map((c) => `<td>${esc(c)}</td>`).join('') +
        '</tr>',
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${esc(opts.title)}</title>
<style nonce="${nonce}">
h1 { font-size: 1.3em; font-weight: 600; margin: 8px 0; }
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
.bar { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
select, input, button { font: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 10px; cursor: pointer; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); vertical-align: top; }
td:nth-child(5) { font-family: var(--vscode-editor-font-family); word-break: break-all; }
tr[hidden] { display: none; }
</style>
</head>
<body>
<h1>${esc(opts.title)}</h1>
<div class="bar" role="search">
<label>Connection <select id="connection"><option value="">All</option>${options(connections)}</select></label>
<label>API <select id="api"><option value="">All</option>${options(apis)}</select></label>
<label>Result <select id="outcome"><option value="">All</option>${options(outcomes)}</select></label>
<label>Text <input id="text" type="search" placeholder="Path, company, request id…"></label>
<span id="count" aria-live="polite">${entries.length} of ${entries.length}</span>
<button id="refresh" type="button">Refresh</button>
<button id="csv" type="button">Export CSV…</button>
<button id="json" type="button">Export JSON…</button>
</div>
${entries.length === 0 ? '<p id="empty">No writes recorded yet. Every create, edit, invitation and primary-contact change the extension sends is listed here.</p>' : ''}
<table>
<thead><tr><th>Time</th><th>Connection</th><th>API</th><th>Method</th><th>Path</th><th>Result</th><th>Company</th><th>Request ID</th></tr></thead>
<tbody id="rows">
${rows}
</tbody>
</table>
<script nonce="${nonce}">
(() => {
  const vscode = acquireVsCodeApi();
  const $ = (id) => document.getElementById(id);
  const rows = [...document.querySelectorAll('#rows tr')];
  const apply = () => {
    const c = $('connection').value, a = $('api').value, o = $('outcome').value, t = $('text').value.trim().toLowerCase();
    let shown = 0;
    for (const r of rows) {
      const ok = (!c || r.dataset.connection === c) && (!a || r.dataset.api === a) && (!o || r.dataset.outcome === o) && (!t || r.textContent.toLowerCase().includes(t));
      r.hidden = !ok;
      if (ok) shown++;
    }
    $('count').textContent = shown + ' of ' + rows.length;
  };
  for (const id of ['connection', 'api', 'outcome']) $(id).addEventListener('change', apply);
  $('text').addEventListener('input', apply);
  $('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  const filter = () => ({ connection: $('connection').value, api: $('api').value, outcome: $('outcome').value, text: $('text').value });
  $('csv').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'csv', filter: filter() }));
  $('json').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'json', filter: filter() }));
})();
</script>
</body>
</html>`;
}
