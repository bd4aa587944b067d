// Bitsight: HTTP Basic with the API token as user name and an empty password (bitsight.md §1.1).
import { basicAuth, noSpaces, type AuthScheme } from '../../core/auth';

export const bitsightToken: AuthScheme = {
  id: 'token',
  label: 'API token',
  fields: [
    {
      name: 'token',
      label: 'API token',
      secret: true,
      prompt: 'Bitsight API token (Settings → Account → API Token in the Bitsight platform)',
      placeholder: 'API token',
      validate: noSpaces('token'),
    },
  ],
  headers: (s) => ({ Authorization: basicAuth(s.values.token ?? '', '') }),
};
