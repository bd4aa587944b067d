// The rules a form field enforces, run in the webview as the person types and on the host before
// sending. The messages are the API's own where it publishes them.
import type { FieldSpec, FormSpec, FormValue, FormValues, NameEmail } from './forms';

// Deliberately simple: one @, no spaces, a dot in the domain. The server is the final judge.
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]{2,}$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** True when the address is on one of the domains or a subdomain of one. */
export function onDomains(email: string, domains: readonly string[]): boolean {
  const d = emailDomain(email);
  return domains.some((allowed) => {
    const a = allowed.toLowerCase().replace(/^\.+/, '');
    return d === a || d.endsWith(`.${a}`);
  });
}

export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** "Jane Doe <jane@x.com>", "jane@x.com" or "Jane Doe, jane@x.com". */
export function parseNameEmail(line: string): NameEmail | undefined {
  const angle = /^(.*?)\s*<([^>]+)>$/.exec(line);
  if (angle) return { name: angle[1]!.replace(/[",]+$/g, '').trim(), email: angle[2]!.trim() };
  const comma = /^(.*?),\s*(\S+@\S+)$/.exec(line);
  if (comma) return { name: comma[1]!.trim(), email: comma[2]!.trim() };
  if (isEmail(line)) return { name: '', email: line };
  return undefined;
}

export function formatNameEmail(p: NameEmail): string {
  return p.name ? `${p.name} <${p.email}>` : p.email;
}

function isEmpty(value: FormValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The first problem with one field's value, or undefined when it is fine. */
export function validateField(field: FieldSpec, value: FormValue | undefined): string | undefined {
  if (field.readonly) return undefined;
  if (isEmpty(value)) return field.required ? (field.requiredMessage ?? `${field.label} is required`) : undefined;
  switch (field.kind) {
    case 'text':
    case 'tel':
    case 'textarea': {
      if (typeof value !== 'string') return `${field.label} must be text`;
      if (field.required && value.trim() === '') return field.requiredMessage ?? `${field.label} is required`;
      if (field.maxLength !== undefined && value.length > field.maxLength) return `${field.label} is at most ${field.maxLength} characters (now ${value.length})`;
      if (field.kind === 'tel' && !/^[+()\d\s./-]{3,32}$/.test(value.trim())) return 'Use digits, spaces and + ( ) - . only';
      return undefined;
    }
    case 'email': {
      if (typeof value !== 'string') return `${field.label} must be text`;
      const v = value.trim();
      if (!isEmail(v)) return `"${v}" is not a valid e-mail address`;
      // The company's domains are a warning (warnField), never a refusal: the server decides.
      return undefined;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n) || !Number.isInteger(n)) return `${field.label} must be a whole number`;
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        return field.rangeMessage ?? `${field.label} must be between ${field.min} and ${field.max}`;
      }
      return undefined;
    }
    case 'select': {
      if (typeof value !== 'string') return `Choose a ${field.label.toLowerCase()}`;
      if (field.options && !field.options.some((o) => o.value === value)) return `"${value}" is not one of the choices`;
      return undefined;
    }
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : `${field.label} must be on or off`;
    case 'emailList':
    case 'lineList': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return `${field.label} must be a list`;
      const list = value as string[];
      if (field.kind === 'emailList') {
        const bad = list.find((v) => !isEmail(v));
        if (bad) return `"${bad}" is not a valid e-mail address`;
      }
      if (field.maxItems !== undefined && list.length > field.maxItems) return field.maxItemsMessage ?? `At most ${field.maxItems} entries (now ${list.length})`;
      if (field.maxJoinedLength !== undefined) {
        const joined = list.join(field.joinWith ?? ',').length;
        if (joined > field.maxJoinedLength) return `${field.maxJoinedMessage ?? `Too long when combined`} (${joined} of ${field.maxJoinedLength} characters)`;
      }
      return undefined;
    }
    case 'nameEmailList': {
      if (!Array.isArray(value)) return `${field.label} must be a list`;
      for (const p of value as NameEmail[]) {
        if (typeof p !== 'object' || p === null || typeof p.email !== 'string' || !isEmail(p.email)) return `Each line needs a valid e-mail, like "Jane Doe <jane@example.com>"`;
        if (typeof p.name !== 'string' || p.name.trim() === '') return `Add a name for ${p.email}, like "Jane Doe <${p.email}>"`;
      }
      if (field.maxItems !== undefined && value.length > field.maxItems) return field.maxItemsMessage ?? `At most ${field.maxItems} entries`;
      return undefined;
    }
  }
}

/** "a.com, b.com, c.com" or, for a long list, the first few "and N more". */
export function describeDomains(domains: readonly string[], shown = 5): string {
  const head = domains.slice(0, shown).join(', ');
  return domains.length > shown ? `${head} and ${domains.length - shown} more` : head;
}

/**
 * What the person should know but may override: an address on none of the company's known
 * domains. The list a client can read may be incomplete, so this never keeps a form from being sent.
 */
export function warnField(field: FieldSpec, value: FormValue | undefined): string | undefined {
  if (field.readonly || field.kind !== 'email' || !field.emailDomains?.length || typeof value !== 'string') return undefined;
  const v = value.trim();
  if (!isEmail(v) || onDomains(v, field.emailDomains)) return undefined;
  return field.domainMessage ?? `"${emailDomain(v)}" is not one of the company’s known domains (${describeDomains(field.emailDomains)}). The server decides: you can still send.`;
}

/** Every field's warning, keyed by field name. */
export function warnForm(spec: Pick<FormSpec, 'fields'>, values: FormValues): Record<string, string> {
  const warnings: Record<string, string> = {};
  for (const field of spec.fields) {
    const warning = warnField(field, values[field.name]);
    if (warning) warnings[field.name] = warning;
  }
  return warnings;
}

/** Every field's problem, keyed by field name; empty when the form may be sent. */
export function validateForm(spec: Pick<FormSpec, 'fields'>, values: FormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of spec.fields) {
    const problem = validateField(field, values[field.name]);
    if (problem) errors[field.name] = problem;
  }
  return errors;
}
