// A minimal method + path router for one simulated API. Patterns are literal segments and
// `:name` placeholders; routes are tried in order, so literal routes (`/users/current`) must be
// listed before placeholder routes (`/users/:guid`). A path that matches some route but not the
// method gets 405 with an Allow header, as REST frameworks do.
import type { Reply } from './http.js';

export type RouteParams = Record<string, string>;

export interface Route<Ctx> {
  method: string;
  pattern: string;
  handler: (ctx: Ctx, params: RouteParams) => Reply | Promise<Reply>;
}

export interface RouterFallbacks {
  notFound(): Reply;
  methodNotAllowed(method: string, allowed: string[]): Reply;
}

export type Dispatch<Ctx> = (method: string, path: string, ctx: Ctx) => Reply | Promise<Reply>;

interface CompiledRoute<Ctx> extends Route<Ctx> {
  segments: string[];
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchSegments(pattern: string[], actual: string[]): RouteParams | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: RouteParams = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string;
    const got = actual[i] as string;
    if (want.startsWith(':')) {
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined; // malformed percent-encoding cannot name anything we hold
      }
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

export function createRouter<Ctx>(routes: ReadonlyArray<Route<Ctx>>, fallbacks: RouterFallbacks): Dispatch<Ctx> {
  const compiled: CompiledRoute<Ctx>[] = routes.map((r) => ({ ...r, segments: splitPath(r.pattern) }));
  return (method, path, ctx) => {
    const actual = splitPath(path);
    const allowed: string[] = [];
    for (const route of compiled) {
      const params = matchSegments(route.segments, actual);
      if (!params) continue;
      if (route.method === method) return route.handler(ctx, params);
      if (!allowed.includes(route.method)) allowed.push(route.method);
    }
    return allowed.length > 0 ? fallbacks.methodNotAllowed(method, allowed) : fallbacks.notFound();
  };
}
