// How the tree writes what the APIs return: plain text in tooltips that no markdown renderer can
// turn into links or markup, dates in the person's locale, and enum codes as words.

/**
 * Text as markdown that renders as exactly that text. Every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them): besides markup, this stops autolinks,
 * which VS Code's own appendText does not — it turns spaces into &nbsp;, so a URL in an error
 * swallowed the rest of the line and the escaped ")" showed as "\)".
 */
export function plainMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** An ISO date or date-time in the person's locale; the text unchanged when it is not a date. */
export function formatDate(iso: string, locale: string | undefined): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  // A bare date is a calendar day, not midnight UTC shown as the day before in the Americas.
  const options: Intl.DateTimeFormatOptions = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(knownLocale(locale), options).format(new Date(t));
}

/** The locale if Intl knows it, else undefined (the host's default) rather than a RangeError. */
function knownLocale(locale: string | undefined): string | undefined {
  try {
    return locale && Intl.DateTimeFormat.supportedLocalesOf(locale).length ? locale : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An API enum value as a label: a code ("other", "never_activated", "vrm-admin") becomes words
 * ("Other", "Never activated", "Vrm admin"); a value that is already a label is kept as it is.
 */
export function enumLabel(value: string): string {
  if (!/^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/.test(value)) return value;
  const words = value.replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
