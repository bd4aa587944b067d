// What the person reads: the dry run as a markdown table (problems per row and field, with counts),
// and the result CSV written beside the input.
import { writeCsv, type CsvTable } from '../../csv';
import { countByStatus, type RowStatus, type RowVerdict } from './plan';

export const STATUS_WORDS: Record<RowStatus, string> = {
  valid: 'ready to create',
  exists: 'already there',
  done: 'created earlier',
  invalid: 'invalid',
  duplicate: 'duplicate in the file',
  unknownCompany: 'unknown company',
  created: 'created',
  failed: 'failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function countsLine(verdicts: readonly RowVerdict[]): string {
  const counts = countByStatus(verdicts);
  return (Object.keys(STATUS_WORDS) as RowStatus[])
    .filter((k) => counts[k])
    .map((k) => `${counts[k]} ${STATUS_WORDS[k]}`)
    .join(', ');
}

export function dryRunMarkdown(file: string, connection: string, verdicts: readonly RowVerdict[]): string {
  const bad = verdicts.filter((v) => v.problems.length);
  const lines = [`# Import of ${file} into ${connection}: dry run`, '', `${verdicts.length} rows: ${countsLine(verdicts)}.`, ''];
  if (!bad.length) lines.push('No problems found.');
  else {
    lines.push('| Row | Company | Field | Problem |', '| ---: | --- | --- | --- |');
    for (const v of bad) for (const p of v.problems) lines.push(`| ${v.row} | ${cell(v.companyName ?? '')} | ${cell(p.field)} | ${cell(p.message)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** `<name>.result.csv`: row, status, message, then the input's own columns, in the input's separator. */
export function resultCsv(table: CsvTable, verdicts: readonly RowVerdict[]): string {
  const byRow = new Map(verdicts.map((v) => [v.row, v]));
  const rows = table.rows.map((cells, i) => {
    const v = byRow.get(i + 1);
    const message = v ? [v.message, ...v.problems.map((p) => `${p.field}: ${p.message}`)].filter(Boolean).join('; ') : '';
    return [String(i + 1), v?.status ?? 'skipped', message, ...cells];
  });
  return writeCsv([['row', 'status', 'message', ...table.header], ...rows], { delimiter: table.delimiter, bom: table.bom });
}

export function resultPath(input: string): string {
  return input.replace(/(\.csv)?$/i, '.result.csv');
}
