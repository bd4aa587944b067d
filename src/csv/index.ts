// Reading and writing CSV files, for the import and the export alike: one library (papaparse)
// behind two functions, so quoting, embedded newlines, a UTF-8 BOM and the `;` of French Excel are
// handled once, and cells a spreadsheet would run as formulas are neutralised on the way out and
// restored on the way in. Pure: no vscode, no file system. A bundle of its own (esbuild.mjs
// OWN_BUNDLES), loaded by the first import or export, never at activation.
import Papa from 'papaparse';
import { t } from '../core/l10n';

export interface CsvTable {
  /** The first line, trimmed; an empty cell keeps its place as "". */
  header: string[];
  /** Every data line, each as long as the header (short lines padded with "", long ones kept long). */
  rows: string[][];
  /** The separator found (`,`, `;`, tab or `|`). */
  delimiter: string;
  /** The input started with a UTF-8 byte order mark (Excel's "CSV UTF-8"): written back the same way. */
  bom: boolean;
}

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

const GUESSES = [',', ';', '\t', '|'];

/** The whole text of a CSV file. Throws a CsvError naming the line when the file cannot be read as CSV. */
export function parseCsv(text: string): CsvTable {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { delimitersToGuess: GUESSES, skipEmptyLines: 'greedy' });
  // An unclosed quote swallows the rest of the file: refuse it rather than import a half-row.
  const fatal = result.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new CsvError(`Line ${lineOf(fatal.row, result.data)}: ${fatal.message}`);
  const [first, ...rest] = result.data;
  if (!first || first.every((c) => c.trim() === '')) throw new CsvError(t('The file has no header line.'));
  const header = first.map((c) => restoreCell(c.trim()));
  const rows = rest.map((r) => (r.length < header.length ? [...r, ...Array<string>(header.length - r.length).fill('')] : r).map(restoreCell));
  // A single column has no separator to detect: papaparse then says ',' which is what we write too.
  return { header, rows, delimiter: result.meta.delimiter || ',', bom };
}

function lineOf(row: number | undefined, data: string[][]): number {
  return (row ?? data.length) + 1;
}

export interface WriteCsvOptions {
  delimiter?: string;
  /** Start with a UTF-8 byte order mark, so Excel reads accents right. */
  bom?: boolean;
}

/** Rows (the header first) as CSV text: fields quoted when they need it, formulas neutralised, CRLF line ends (RFC 4180). */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string>>, options: WriteCsvOptions = {}): string {
  const text = Papa.unparse(rows.map((r) => r.map(neutraliseCell)), { delimiter: options.delimiter ?? ',', newline: '\r\n', quotes: false, escapeFormulae: false });
  return `${options.bom ? '\ufeff' : ''}${text}\r\n`;
}

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
export function toCsv(header: readonly string[], rows: ReadonlyArray<Readonly<Record<string, Cell>>>, options: WriteCsvOptions = {}): string {
  const text = (c: Cell): string => (c === undefined || c === null ? '' : neutraliseCell(String(c)));
  const data = rows.map((row) => header.map((h) => text(row[h])));
  const csv = Papa.unparse({ fields: header.map((h) => neutraliseCell(h)), data }, { quotes: true, newline: '\r\n', delimiter: options.delimiter ?? ',' });
  return (options.bom ? '\ufeff' : '') + csv + '\r\n';
}
