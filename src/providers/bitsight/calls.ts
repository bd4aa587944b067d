// The Bitsight calls the forms make, as an interface: forms.ts depends on this, client.ts
// implements it, so the two files do not import each other.
import type * as z from '../../core/zod';
import type { ContactBody, InviteBody, UserPatch } from './bodies';
import type { accessGroups, accessRequest, accessRequests, PortfolioContact, userDetail } from './schemas';

export interface BitsightCalls {
  outbox(companyGuid: string | undefined, signal?: AbortSignal): Promise<z.infer<typeof accessRequests>>;
  /** `fresh`: read past the provider's cache (a check whether a write in doubt landed). */
  pointsOfContact(companyGuid: string, signal?: AbortSignal, opts?: { fresh?: boolean }): Promise<PortfolioContact[]>;
  companyDomains(companyGuid: string, signal?: AbortSignal): Promise<{ name: string; domains: string[]; canInvite: boolean }>;
  assignContact(body: ContactBody, signal?: AbortSignal): Promise<unknown>;
  updateContact(contactGuid: string, body: ContactBody & { guid: string }, signal?: AbortSignal): Promise<unknown>;
  user(userGuid: string, signal?: AbortSignal): Promise<z.infer<typeof userDetail>>;
  accessGroups(signal?: AbortSignal): Promise<z.infer<typeof accessGroups>>;
  editUser(userGuid: string, patch: UserPatch, signal?: AbortSignal): Promise<unknown>;
  /** The guid of the user the token belongs to; undefined when it cannot be told. */
  currentUserId(signal?: AbortSignal): Promise<string | undefined>;
  invite(body: InviteBody, opts?: { signal?: AbortSignal; retryThrottled?: boolean; throttledAttempts?: number }): Promise<z.infer<typeof accessRequest>>;
}
