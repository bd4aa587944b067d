// Writing CSV with papaparse (the library the CSV import reads with, so what one writes the other
// reads back: quoting, embedded newlines and the same cell neutralisation). A bundle of its own
// (esbuild.mjs OWN_BUNDLES), loaded by the first export, never at activation.
import Papa from 'papaparse';

export type Cell = string | number | boolean | undefined | null;

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, so Excel reads accents right (for a file, not an editor). */
  bom?: boolean;
  /** Field separator (default ","; French Excel expects ";"). */
  delimiter?: string;
}

/**
 * A spreadsheet opening the file runs a cell starting with = + - @ (or a tab / carriage return,
 * which some strip first) as a formula: an exported name like `=HYPERLINK(...)`, typed by
 * anyone who can edit a contact in the vendor's app, would run on the portfolio manager's machine
 * (CSV formula injection). Such cells get a leading apostrophe, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseCell, for a reader of files this module wrote ("'+33 1…" → "+33 1…"). */
export function restoreCell(text: string): string {
  return text.length > 1 && text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** The rows as CSV with the given header (its order is the columns' order); every field quoted, CRLF line ends (RFC 4180). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<Readonly<Record<string, Cell>>>, options: CsvOptions = {}): string {
  const text = (c: Cell): string => (c === undefined || c === null ? '' : neutraliseCell(String(c)));
  const data = rows.map((row) => header.map((h) => text(row[h])));
  const csv = Papa.unparse({ fields: header.map((h) => neutraliseCell(h)), data }, { quotes: true, newline: '\r\n', delimiter: options.delimiter ?? ',' });
  return (options.bom ? '\ufeff' : '') + csv + '\r\n';
}
