// Secrets live only in VS Code's SecretStorage, one entry per connection: a JSON record of the auth
// scheme's secret parts and the tokens obtained from them. If the secret store is unavailable (Linux
// without a keyring) we say so and save nothing: there is no plain-text fallback.
import { t } from '../core/l10n';
import * as z from '../core/zod';
import type { Redactor } from '../core/redact';

/** The bit of vscode.SecretStorage we use. */
export interface SecretStore {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

const secretMap = z.record(z.string().check(z.regex(/^[A-Za-z][\w.-]{0,63}$/)), z.string().check(z.maxLength(16_384)));

export const credentialRecordSchema = z.object({
  scheme: z.string().check(z.regex(/^[\w.-]{1,64}$/)),
  /** The scheme's secret fields as typed (token, client secret, password when kept). */
  values: secretMap,
  /** What an exchange or renewal obtained (access, session and refresh tokens). */
  tokens: z.optional(secretMap),
  /** When the obtained tokens expire, epoch milliseconds. */
  expiresAt: z.optional(z.number()),
});
export type CredentialRecord = z.infer<typeof credentialRecordSchema>;

/** Before records, the secret was the first provider's API token as a plain string; its scheme id. */
export const LEGACY_SCHEME = 'token';

export class SecretStoreUnavailableError extends Error {
  constructor(action: 'save' | 'read' | 'delete', cause: unknown) {
    const what = { save: t('Your credentials were not saved.'), read: t('The credentials could not be read.'), delete: t('The credentials could not be deleted.') }[action];
    super(
      `${t("VS Code's secret storage is not available ({0}).", cause instanceof Error ? cause.message : String(cause))} ${what} ` +
        t('On Linux this usually means no keyring (such as GNOME Keyring or KWallet) is running; start one and try again.') +
        ' ' +
        t('Portfolio Contacts never stores tokens in plain text.'),
      { cause },
    );
    this.name = 'SecretStoreUnavailableError';
  }
}

export function secretKey(connectionId: string): string {
  return `portfolioContacts.token.${connectionId}`;
}

/** Every secret string of a record, for the redactor and for audits. */
export function secretsOf(record: CredentialRecord): string[] {
  return [...Object.values(record.values), ...Object.values(record.tokens ?? {})];
}

/** Reads what SecretStorage holds: a record, or an old plain token (migrated to the token record). */
export function parseStoredSecret(raw: string): CredentialRecord | undefined {
  const text = raw.trim();
  if (!text.startsWith('{')) return text ? { scheme: LEGACY_SCHEME, values: { token: text } } : undefined;
  try {
    const parsed = credentialRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export class Credentials {
  constructor(
    private readonly secrets: SecretStore,
    private readonly redactor?: Redactor,
  ) {}

  /** The connection's record; undefined when none is stored or it does not parse (treated as signed out). */
  async read(connectionId: string): Promise<CredentialRecord | undefined> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(secretKey(connectionId));
    } catch (e) {
      throw new SecretStoreUnavailableError('read', e);
    }
    if (raw === undefined) return undefined;
    const record = parseStoredSecret(raw);
    if (record) this.register(record);
    // An old plain token is rewritten as a record once, so the next read is the ordinary path.
    if (record && !raw.trim().startsWith('{')) await this.save(connectionId, record).catch(() => undefined);
    return record;
  }

  async save(connectionId: string, record: CredentialRecord): Promise<void> {
    const valid = credentialRecordSchema.parse(record);
    this.register(valid);
    try {
      await this.secrets.store(secretKey(connectionId), JSON.stringify(valid));
    } catch (e) {
      throw new SecretStoreUnavailableError('save', e);
    }
  }

  async delete(connectionId: string): Promise<void> {
    try {
      await this.secrets.delete(secretKey(connectionId));
    } catch (e) {
      throw new SecretStoreUnavailableError('delete', e);
    }
  }

  private register(record: CredentialRecord): void {
    for (const s of secretsOf(record)) this.redactor?.add(s);
  }
}
