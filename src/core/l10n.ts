// The translator for modules that must not import vscode (providers, presenters, tree formatting,
// validation): English with {0} placeholders until the extension wires vscode.l10n.t in.
// Kept on globalThis because extension.js and onDemand.js are separate bundles, each with its own
// copy of this module: one wiring at activation serves both.
export type Translator = (message: string, args: ReadonlyArray<string | number | boolean>) => string;

const SLOT = Symbol.for('portfolioContacts.l10n.translator');
type Holder = { [SLOT]?: Translator };

/** Formats `{0}`, `{1}`… with the arguments, as vscode.l10n.t does. */
export function format(message: string, args: ReadonlyArray<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

export function setTranslator(translator: Translator | undefined): void {
  (globalThis as Holder)[SLOT] = translator;
}

/** The message in the user's language; the English literal is the key (see scripts/l10n.mjs). */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const translator = (globalThis as Holder)[SLOT];
  return translator ? translator(message, args) : format(message, args);
}
