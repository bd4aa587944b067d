#!/usr/bin/env node
// Localisation keys: what the manifest and the code use, against what the bundles hold.
//   node scripts/l10n.mjs manifest   turn every plain user-facing manifest string into %key% (kept in package.nls.json)
//   node scripts/l10n.mjs export     write l10n/bundle.l10n.json from every t(...) call in src/ and webview/
//   node scripts/l10n.mjs check      list keys missing from a bundle, placeholder mismatches and unused French keys
// `manifest` exists so that strings added by later changes are converted mechanically, not by hand.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (p) => (existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : {});
const writeJson = (p, v) => writeFileSync(p, `${JSON.stringify(v, null, 2)}\n`);

/** Where a manifest holds text a person reads: [path in contributes, key to give it]. */
export function manifestStrings(pkg) {
  const out = [];
  const add = (holder, field, key) => {
    if (holder && typeof holder[field] === 'string') out.push({ holder, field, key });
  };
  add(pkg, 'displayName', 'displayName');
  add(pkg, 'description', 'description');
  add(pkg.capabilities?.untrustedWorkspaces, 'description', 'untrustedWorkspaces.description');
  const c = pkg.contributes ?? {};
  const short = (id) => id.replace(/^portfolioContacts\./, '');
  for (const [where, list] of Object.entries(c.viewsContainers ?? {}))
    for (const v of list) add(v, 'title', `viewsContainers.${where}.${short(v.id)}.title`);
  for (const list of Object.values(c.views ?? {}))
    for (const v of list) {
      add(v, 'name', `views.${short(v.id)}.name`);
      add(v, 'contextualTitle', `views.${short(v.id)}.contextualTitle`);
    }
  (c.viewsWelcome ?? []).forEach((w, i) => add(w, 'contents', `viewsWelcome.${short(w.view)}${i === 0 ? '' : `.${i}`}.contents`));
  for (const cmd of c.commands ?? []) {
    add(cmd, 'title', `commands.${short(cmd.command)}.title`);
    add(cmd, 'shortTitle', `commands.${short(cmd.command)}.shortTitle`);
    if (typeof cmd.category === 'string' && !cmd.category.startsWith('%')) {
      // One key for a category shared by every command.
      out.push({ holder: cmd, field: 'category', key: 'category' });
    }
  }
  for (const s of c.submenus ?? []) add(s, 'label', `submenus.${short(s.id)}.label`);
  const configs = Array.isArray(c.configuration) ? c.configuration : c.configuration ? [c.configuration] : [];
  configs.forEach((conf, i) => {
    add(conf, 'title', `configuration${i === 0 ? '' : `.${i}`}.title`);
    for (const [key, p] of Object.entries(conf.properties ?? {})) {
      const k = `settings.${short(key)}`;
      for (const f of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) add(p, f, `${k}.${f}`);
      for (const f of ['enumDescriptions', 'markdownEnumDescriptions']) (p[f] ?? []).forEach((_, j) => add(p[f], j, `${k}.${f}.${j}`));
    }
  });
  for (const w of c.walkthroughs ?? []) {
    const k = `walkthroughs.${short(w.id)}`;
    add(w, 'title', `${k}.title`);
    add(w, 'description', `${k}.description`);
    for (const s of w.steps ?? []) {
      add(s, 'title', `${k}.steps.${short(s.id)}.title`);
      add(s, 'description', `${k}.steps.${short(s.id)}.description`);
      if (s.media) add(s.media, 'altText', `${k}.steps.${short(s.id)}.altText`);
    }
  }
  return out;
}

/** The %key% references a manifest holds. */
export function manifestKeys(pkg) {
  const keys = new Set();
  const walk = (v) => {
    if (typeof v === 'string') {
      const m = /^%([^%]+)%$/.exec(v);
      if (m) keys.add(m[1]);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(pkg);
  return [...keys];
}

function convertManifest() {
  const pkgPath = join(ROOT, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  const nlsPath = join(ROOT, 'package.nls.json');
  const nls = readJson(nlsPath);
  let changed = 0;
  for (const { holder, field, key } of manifestStrings(pkg)) {
    const text = holder[field];
    if (/^%[^%]+%$/.test(text)) continue;
    if (nls[key] !== undefined && nls[key] !== text) throw new Error(`${key} already means "${nls[key]}", not "${text}"`);
    nls[key] = text;
    holder[field] = `%${key}%`;
    changed++;
  }
  writeJson(pkgPath, pkg);
  writeJson(nlsPath, Object.fromEntries(Object.entries(nls).sort(([a], [b]) => a.localeCompare(b))));
  console.log(`${changed} manifest string(s) moved to package.nls.json`);
}

/** Files whose t(...) calls are localised: the extension's sources and the webview's. */
function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const d of ['src', 'webview']) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
  return out;
}

/**
 * Every message passed as a string literal to vscode.l10n.t / l10n.t / t (the neutral translator
 * of src/core/l10n.ts). A call with a non-literal first argument is reported: its key cannot be checked.
 * The dev dependency `typescript` is TypeScript 7 (native), which has no JavaScript compiler API, so
 * this reads the code with a small tokenizer (comments, strings, templates, regular expressions),
 * never a regular expression over the whole text.
 */
export function codeKeys(files = sourceFiles()) {
  const keys = new Map();
  const dynamic = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!/\bt\(/.test(text)) continue;
    const tokens = tokenize(text);
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i];
      if (tok.kind !== 'name' || tok.value !== 't' || tokens[i + 1]?.value !== '(') continue;
      const prev = tokens[i - 1];
      const viaL10n = prev?.value === '.' && tokens[i - 2]?.value === 'l10n';
      const bare = !(prev?.value === '.') && !(prev?.kind === 'name' && /^(function|const|let|var)$/.test(prev.value));
      if (!viaL10n && !bare) continue;
      if (bare && tokens[i - 1]?.value === 'function') continue;
      const arg = tokens[i + 2];
      const where = `${relative(ROOT, file)}:${tok.line}`;
      if (arg?.kind === 'string' && (tokens[i + 3]?.value === ',' || tokens[i + 3]?.value === ')')) {
        if (!keys.has(arg.value)) keys.set(arg.value, where);
      } else if (!isDeclaration(tokens, i)) dynamic.push(where);
    }
  }
  return { keys, dynamic };
}

// `function t(message: string` and `export function t(` declare the translator rather than call it.
function isDeclaration(tokens, i) {
  return tokens[i - 1]?.value === 'function' || (tokens[i + 2]?.kind === 'name' && tokens[i + 3]?.value === ':');
}

/** Names, punctuation and string values (escapes decoded) of a TypeScript source, without comments. */
export function tokenize(src) {
  const out = [];
  let i = 0;
  let line = 1;
  const braces = []; // for each open `{`: true when it opened a template's ${
  const push = (kind, value) => out.push({ kind, value, line });
  const regexAllowed = () => {
    const last = out[out.length - 1];
    if (!last) return true;
    if (last.kind === 'string' || last.kind === 'number') return false;
    if (last.kind === 'name') return /^(return|typeof|case|do|else|in|of|new|delete|void|throw|await|yield)$/.test(last.value);
    return !/^[)\]}]$/.test(last.value);
  };
  const readEscape = () => {
    const c = src[++i];
    const simple = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };
    if (c in simple) { i++; return simple[c]; }
    if (c === 'u') {
      if (src[i + 1] === '{') { const end = src.indexOf('}', i); const v = String.fromCodePoint(parseInt(src.slice(i + 2, end), 16)); i = end + 1; return v; }
      const v = String.fromCharCode(parseInt(src.slice(i + 1, i + 5), 16)); i += 5; return v;
    }
    if (c === 'x') { const v = String.fromCharCode(parseInt(src.slice(i + 1, i + 3), 16)); i += 3; return v; }
    if (c === '\n') { line++; i++; return ''; }
    i++;
    return c;
  };
  // Reads template text up to the closing backtick (a whole literal) or to `${` (a template with expressions).
  const readTemplate = () => {
    let value = '';
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') value += readEscape();
      else if (c === '`') { i++; return { value, closed: true }; }
      else if (c === '$' && src[i + 1] === '{') { i += 2; return { value, closed: false }; }
      else { if (c === '\n') line++; value += c; i++; }
    }
    return { value, closed: true };
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') { const end = src.indexOf('*/', i + 2); for (const ch of src.slice(i, end)) if (ch === '\n') line++; i = end < 0 ? src.length : end + 2; continue; }
    if (c === '"' || c === "'") {
      i++;
      let value = '';
      while (i < src.length && src[i] !== c) value += src[i] === '\\' ? readEscape() : src[i++];
      i++;
      push('string', value);
      continue;
    }
    if (c === '`' || (c === '}' && braces[braces.length - 1] === true)) {
      if (c === '}') braces.pop();
      const start = c === '`';
      i++;
      const { value, closed } = readTemplate();
      if (start && closed) push('string', value);
      else push('template', value); // part of a template with expressions: never a literal key
      if (!closed) braces.push(true);
      continue;
    }
    if (c === '/' && regexAllowed()) {
      i++;
      let inClass = false;
      while (i < src.length && (src[i] !== '/' || inClass)) {
        if (src[i] === '\\') i++;
        else if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        i++;
      }
      i++;
      while (/[a-z]/i.test(src[i] ?? '')) i++;
      push('regex', '');
      continue;
    }
    const name = /^[A-Za-z_$][\w$]*/.exec(src.slice(i, i + 200));
    if (name) { push('name', name[0]); i += name[0].length; continue; }
    const num = /^\d[\w.]*/.exec(src.slice(i, i + 50));
    if (num) { push('number', num[0]); i += num[0].length; continue; }
    if (c === '{') braces.push(false);
    if (c === '}') braces.pop();
    push('punct', c);
    i++;
  }
  return out;
}

export const placeholders = (s) => [...new Set([...String(s).matchAll(/\{(\d+)\}/g)].map((m) => m[1]))].sort();

/** What is wrong with the bundles: errors fail the check, warnings are printed. */
export function audit() {
  const pkg = readJson(join(ROOT, 'package.json'));
  const nls = readJson(join(ROOT, 'package.nls.json'));
  const nlsFr = readJson(join(ROOT, 'package.nls.fr.json'));
  const fr = readJson(join(ROOT, 'l10n/bundle.l10n.fr.json'));
  const errors = [];
  const warnings = [];
  const mKeys = manifestKeys(pkg);
  for (const k of mKeys) {
    if (nls[k] === undefined) errors.push(`package.nls.json lacks "${k}"`);
    if (nlsFr[k] === undefined) errors.push(`package.nls.fr.json lacks "${k}"`);
    else if (nls[k] !== undefined && placeholders(nls[k]).join() !== placeholders(nlsFr[k]).join())
      errors.push(`package.nls.fr.json "${k}": placeholders ${placeholders(nlsFr[k])} instead of ${placeholders(nls[k])}`);
  }
  for (const { holder, field, key } of manifestStrings(pkg))
    if (!/^%[^%]+%$/.test(holder[field])) errors.push(`package.json: "${holder[field]}" is plain text (run npm run l10n:manifest; key ${key})`);
  for (const k of Object.keys(nlsFr)) if (!mKeys.includes(k)) errors.push(`package.nls.fr.json: "${k}" is used nowhere`);
  const { keys, dynamic } = codeKeys();
  for (const [k, where] of keys) {
    if (fr[k] === undefined) errors.push(`l10n/bundle.l10n.fr.json lacks "${k}" (${where})`);
    else if (placeholders(k).join() !== placeholders(fr[k]).join())
      errors.push(`l10n/bundle.l10n.fr.json "${k}": placeholders {${placeholders(fr[k])}} instead of {${placeholders(k)}}`);
  }
  for (const k of Object.keys(fr)) if (!keys.has(k)) errors.push(`l10n/bundle.l10n.fr.json: "${k}" is used nowhere`);
  for (const where of dynamic) warnings.push(`${where}: t() with a non-literal message cannot be checked`);
  return { errors, warnings, keys };
}

function exportBundle() {
  const { keys } = codeKeys();
  const sorted = Object.fromEntries([...keys.keys()].sort().map((k) => [k, k]));
  writeJson(join(ROOT, 'l10n/bundle.l10n.json'), sorted);
  console.log(`l10n/bundle.l10n.json: ${keys.size} message(s)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cmd = process.argv[2];
  if (cmd === 'manifest') convertManifest();
  else if (cmd === 'export') exportBundle();
  else if (cmd === 'check') {
    const { errors, warnings } = audit();
    for (const w of warnings) console.warn(`warning: ${w}`);
    for (const e of errors) console.error(e);
    console.log(`${errors.length} problem(s)`);
    process.exit(errors.length ? 1 : 0);
  } else {
    console.error('usage: node scripts/l10n.mjs manifest|export|check');
    process.exit(2);
  }
}
