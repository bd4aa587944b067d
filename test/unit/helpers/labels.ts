import type { ProviderLabels } from '../../../src/core/provider';

/** Words for fake providers; distinct from every vendor's so a test sees where they are used. */
export const TEST_LABELS: ProviderLabels = {
  companies: 'Accounts',
  company: 'account',
  primaryContact: 'main contact',
  contacts: 'People',
  users: 'Members',
  createContact: 'Add Person…',
};
