// GET /common/v1/typelists and /common/v1/typelists/{name}: the typecodes forms offer (State for
// addresses, ContactType for the subtype).
import { jsonReply } from '../../http.js';
import type { GuidewireRoute } from '../context.js';
import { TYPELISTS } from '../data.js';
import { notFoundAt } from './contacts.js';

const typelistHref = (name: string) => `/common/v1/typelists/${name}`;

export const typelistRoutes: GuidewireRoute[] = [
  {
    method: 'GET',
    pattern: '/common/v1/typelists',
    handler: () => {
      const data = Object.keys(TYPELISTS).map((name) => ({ attributes: { name }, checksum: '0', id: name, links: { self: { href: typelistHref(name), methods: ['get'] } }, type: 'Typelist' }));
      return jsonReply(200, { count: data.length, data, links: { self: { href: '/common/v1/typelists' } } });
    },
  },
  {
    method: 'GET',
    pattern: '/common/v1/typelists/:name',
    handler: ({ req }, params) => {
      const name = params.name as string;
      const keys = Object.hasOwn(TYPELISTS, name) ? TYPELISTS[name] : undefined;
      if (!keys) return notFoundAt(req.path);
      const typeKeys = keys.map((k, i) => ({ code: k.code, name: k.name, priority: i + 1, retired: false }));
      return jsonReply(200, { data: { attributes: { name, typeKeys }, checksum: '0', id: name, links: { self: { href: typelistHref(name), methods: ['get'] } }, type: 'Typelist' } });
    },
  },
];
