// GET /ratings/v1/access-groups — `{groups: […], default_group}` (not paged).
import { jsonReply } from '../../http.js';
import type { BitsightContext, BitsightRoute } from '../context.js';
import { groupJson } from '../shapes.js';

function listGroups({ store }: BitsightContext) {
  const data = store.data;
  return jsonReply(200, { groups: data.groups.map((g) => groupJson(g, data)), default_group: data.defaultGroupGuid });
}

export const accessGroupRoutes: BitsightRoute[] = [{ method: 'GET', pattern: '/ratings/v1/access-groups', handler: listGroups }];
