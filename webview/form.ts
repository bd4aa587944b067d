// The one webview for every form: it renders whatever FormSpec the host sends. The only top-level
// entry esbuild bundles from webview/; the parts live in webview/lib/.
import './lib/jitless'; // first: zod must be told before any schema is built (see the file)
import './lib/components';
import css from './form.css';
import { start } from './lib/app';

const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
// The page announces what matters through its own live regions (errors, results, progress); a live
// region around everything would read the whole form out on every change.
root.removeAttribute('aria-live');
start(root, acquireVsCodeApi());
