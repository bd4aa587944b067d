// Pure: a block of pasted lines turned into rows. Each line is "Name <e-mail>" (or "Name, e-mail",
// or a bare e-mail), or tab-separated cells from a spreadsheet: name, e-mail, then the row's other
// text fields in order (phones…). Blank lines are skipped.
import type { FieldSpec } from '../../src/protocol/forms';
import { parseNameEmail } from '../../src/protocol/validate';
import { isMultiline } from './values';

export type PastedRow = Record<string, string>;

/** True when pasted text should fill rows rather than go into the one field it landed in. */
export function isRowsPaste(text: string): boolean {
  return /\r?\n|\t/.test(text.trim());
}

/** Which row field takes the name, the e-mail and each further cell. */
function columns(fields: readonly FieldSpec[]): { name?: FieldSpec; email?: FieldSpec; rest: FieldSpec[] } {
  const editable = fields.filter((f) => !f.readonly && f.kind !== 'checkbox' && f.kind !== 'select' && f.kind !== 'rows');
  const email = editable.find((f) => f.kind === 'email');
  const name = editable.find((f) => f !== email && f.kind === 'text');
  return { name, email, rest: editable.filter((f) => f !== name && f !== email) };
}

export function parsePastedRows(text: string, fields: readonly FieldSpec[]): PastedRow[] {
  const { name, email, rest } = columns(fields);
  const rows: PastedRow[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const row: PastedRow = {};
    if (raw.includes('\t')) {
      const cells = raw.split('\t').map((c) => c.trim());
      const targets = [name, email, ...rest];
      cells.forEach((cell, i) => {
        const f = targets[i];
        // A list cell ("+33 1 23, +33 6 45") becomes one entry per line, as the list field holds it.
        if (f && cell !== '') row[f.name] = isMultiline(f.kind) && f.kind !== 'textarea' ? cell.split(/\s*[,;]\s*/).filter(Boolean).join('\n') : cell;
      });
    } else {
      const line = raw.trim();
      const parsed = parseNameEmail(line);
      if (parsed) {
        if (name && parsed.name) row[name.name] = parsed.name;
        if (email) row[email.name] = parsed.email;
      } else if (name) row[name.name] = line;
    }
    if (Object.keys(row).length) rows.push(row);
  }
  return rows;
}
