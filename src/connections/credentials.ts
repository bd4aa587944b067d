// Tokens live only in VS Code's SecretStorage, one key per connection. If the secret store is
// unavailable (Linux without a keyring) we say so and save nothing: there is no plain-text fallback.

/** The bit of vscode.SecretStorage we use. */
export interface SecretStore {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

export class SecretStoreUnavailableError extends Error {
  constructor(action: 'save' | 'read' | 'delete', cause: unknown) {
    const what = { save: 'Your token was not saved', read: 'The token could not be read', delete: 'The token could not be deleted' }[action];
    super(
      `VS Code's secret storage is not available (${cause instanceof Error ? cause.message : String(cause)}). ${what}. ` +
        'On Linux this usually means no keyring (such as GNOME Keyring or KWallet) is running; start one and try again. ' +
        'Portfolio Contacts never stores tokens in plain text.',
      { cause },
    );
    this.name = 'SecretStoreUnavailableError';
  }
}

export function secretKey(connectionId: string): string {
  return `portfolioContacts.token.${connectionId}`;
}

export class Credentials {
  constructor(private readonly secrets: SecretStore) {}

  async get(connectionId: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(secretKey(connectionId));
    } catch (e) {
      throw new SecretStoreUnavailableError('read', e);
    }
  }

  async set(connectionId: string, token: string): Promise<void> {
    try {
      await this.secrets.store(secretKey(connectionId), token);
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
}
