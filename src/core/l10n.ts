// The translator for modules that must not import vscode (providers, presenters, tree formatting,
// validation): English with {0} placeholders until the extension wires vscode.l10n.t in.
// Kept on globalThis because extension.js and onDemand.js are separate bundles, each with its own
// copy of this module: one wiring at activation serves both.
export type Translator = (message: string, args: ReadonlyArray<string | number | boolean>) => string;

const SLOT = Symbol.for('portfolioContacts.l10n.translator');
const BUNDLE = Symbol.for('portfolioContacts.l10n.bundle');
type Holder = { [SLOT]?: Translator; [BUNDLE]?: Record<string, string> };

/** Formats `{0}`, `{1}`… with the arguments, as vscode.l10n.t does. */
export function format(message: string, args: ReadonlyArray<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

/** `bundle`: the messages of the user's language (vscode.l10n.bundle), handed on to the webview. */
export function setTranslator(translator: Translator | undefined, bundle?: Record<string, string>): void {
  (globalThis as Holder)[SLOT] = translator;
  (globalThis as Holder)[BUNDLE] = bundle;
}

/** The loaded translations, undefined in English: what a webview needs to translate as the host does. */
export function l10nBundle(): Record<string, string> | undefined {
  return (globalThis as Holder)[BUNDLE];
}

/** Translates from a bundle of messages received from the host (the webview's side). */
export function useBundle(bundle: Record<string, string> | undefined): void {
  setTranslator(bundle ? (message, args) => format(bundle[message] ?? message, args) : undefined, bundle);
}

/** The message in the user's language; the English literal is the key (see scripts/l10n.mjs). */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const translator = (globalThis as Holder)[SLOT];
  return translator ? translator(message, args) : format(message, args);
}
