// GET /ratings/v1/folders — every folder with its companies' guids, a plain array (bitsight.md §2).
import { jsonReply } from '../../http.js';
import type { BitsightContext, BitsightRoute } from '../context.js';
import type { FolderRecord } from '../data.js';

/** The documented shape; the sandbox has no per-user folders, so every flag is the plain case. */
export function folderJson(f: FolderRecord) {
  return {
    guid: f.guid,
    name: f.name,
    description: f.description,
    companies: [...f.companies],
    companies_count: f.companies.length,
    owner: f.owner_name,
    owner_guid: f.owner_guid,
    owner_name: f.owner_name,
    is_my_company: false,
    contains_all_companies: false,
    customer_global: false,
    is_deletable: true,
    can_edit_properties: true,
    email_enabled: false,
    order: f.order,
  };
}

function listFolders({ store }: BitsightContext) {
  return jsonReply(200, store.data.folders.map(folderJson));
}

export const folderRoutes: BitsightRoute[] = [{ method: 'GET', pattern: '/ratings/v1/folders', handler: listFolders }];
