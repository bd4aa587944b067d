// Reading and writing CSV files, for the import and the export alike: one library (papaparse)
// behind two functions, so quoting, embedded newlines, a UTF-8 BOM and the `;` of French Excel are
// handled once. Pure: no vscode, no file system.
import Papa from 'papaparse';

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
  if (!first || first.every((c) => c.trim() === '')) throw new CsvError('The file has no header line.');
  const header = first.map((c) => c.trim());
  const rows = rest.map((r) => (r.length < header.length ? [...r, ...Array<string>(header.length - r.length).fill('')] : r));
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

/** Rows (the header first) as CSV text: fields quoted when they need it, CRLF line ends (RFC 4180). */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string>>, options: WriteCsvOptions = {}): string {
  const text = Papa.unparse(rows.map((r) => [...r]), { delimiter: options.delimiter ?? ',', newline: '\r\n', quotes: false, escapeFormulae: false });
  return `${options.bom ? '\ufeff' : ''}${text}\r\n`;
}
