// What the person reads: the dry run as a markdown table (problems per row and field, with counts),
// and the result CSV written beside the input.
import { writeCsv, type CsvTable } from '../../csv';
import { t } from '../../core/l10n';
import { countByStatus, type RowStatus, type RowVerdict } from './plan';

// Functions, not strings: read when shown, after the translator is wired in.
export const STATUS_WORDS: Record<RowStatus, (n: number) => string> = {
  valid: (n) => t('{0} ready to create', n),
  exists: (n) => t('{0} already there', n),
  done: (n) => t('{0} created earlier', n),
  invalid: (n) => t('{0} invalid', n),
  duplicate: (n) => t('{0} duplicate in the file', n),
  unknownCompany: (n) => t('{0} unknown company', n),
  created: (n) => t('{0} created', n),
  failed: (n) => t('{0} failed', n),
  cancelled: (n) => t('{0} cancelled', n),
  skipped: (n) => t('{0} skipped', n),
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function countsLine(verdicts: readonly RowVerdict[]): string {
  const counts = countByStatus(verdicts);
  return (Object.keys(STATUS_WORDS) as RowStatus[])
    .filter((k) => counts[k])
    .map((k) => STATUS_WORDS[k](counts[k]!))
    .join(', ');
}

export function dryRunMarkdown(file: string, connection: string, verdicts: readonly RowVerdict[]): string {
  const bad = verdicts.filter((v) => v.problems.length);
  const lines = [t('# Import of {0} into {1}: dry run', file, connection), '', t('{0} rows: {1}.', verdicts.length, countsLine(verdicts)), ''];
  if (!bad.length) lines.push(t('No problems found.'));
  else {
    lines.push(t('| Row | Company | Field | Problem |'), '| ---: | --- | --- | --- |');
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
