// Bitsight: HTTP Basic with the API token as user name and an empty password (bitsight.md §1.1).
import { basicAuth, noSpaces, type AuthScheme } from '../../core/auth';
import { t } from '../../core/l10n';

export const bitsightToken: AuthScheme = {
  id: 'token',
  get label() { return t('API token'); },
  fields: [
    {
      name: 'token',
      get label() { return t('API token'); },
      secret: true,
      get prompt() { return t('Bitsight API token (Settings → Account → API Token in the Bitsight platform)'); },
      get placeholder() { return t('API token'); },
      validate: noSpaces(() => t('token')),
    },
  ],
  headers: (s) => ({ Authorization: basicAuth(s.values.token ?? '', '') }),
};
