import { KitapError } from '@kitap/core';

/**
 * The routes of the stand-in. Sign-in, the department dictionary, the card,
 * the simple search and `/version` are the routes seen in Web-RABIS's public
 * code (fixed here). The others are kitap's assumptions and configurable, as
 * in the client's config: `import` and `importIso2709` (no public import
 * route is known),
 * `inventoryLookup` (a copy by inventory number, for verification) and
 * `copies` (the copies of a record; `{id}` stands for the record id).
 */
export interface StandInRoutes {
  /** POST, `{ records: [...] }` with an `Idempotency-Key` header. Default `/api/v1/kitap/import`. */
  import: string;
  /**
   * POST, ISO2709 records one after another (any Content-Type but JSON) with
   * an `Idempotency-Key` header. Default `/api/v1/kitap/import/iso2709`; may
   * be the same path as `import`, and then the Content-Type decides.
   */
  importIso2709: string;
  /**
   * GET; `{invNumber}` marks where the inventory number goes, in the path
   * (`/api/v1/inv/{invNumber}`) or as a query value. Default
   * `/api/v1/inv?invNumber={invNumber}`.
   */
  inventoryLookup: string;
  /** GET. Default `/api/v1/ebook/{id}/inv`; `/api/v1/ebook/{id}/inventory` (seen in one version of the public code) answers too. */
  copies: string;
}

/** The default routes (see `StandInRoutes`). */
export const DEFAULT_STAND_IN_ROUTES: Readonly<StandInRoutes> = {
  import: '/api/v1/kitap/import',
  importIso2709: '/api/v1/kitap/import/iso2709',
  inventoryLookup: '/api/v1/inv?invNumber={invNumber}',
  copies: '/api/v1/ebook/{id}/inv',
};

/** The routes seen in Web-RABIS's public code, which the stand-in serves at these paths. */
export const KNOWN_ROUTES = {
  signIn: '/api/v1/auth/sign-in',
  departments: '/api/v1/dictionary/department',
  ebook: '/api/v1/ebook/{id}',
  card: '/api/v1/ebook/{id}/card',
  inventory: '/api/v1/ebook/{id}/inventory',
  search: '/api/v1/search/ebook/simple',
  version: '/version',
} as const;

/** What a matching path gave for the placeholders of its template. */
export interface RouteParams {
  id?: string;
  invNumber?: string;
}

/**
 * A route template as a matcher. The path part may hold `{id}` and
 * `{invNumber}` (one path segment each); a query part `?name={invNumber}`
 * takes the inventory number from that query parameter. Gives the
 * placeholders' texts, or undefined when the request does not match (a
 * query placeholder that is missing gives an empty text, for a clear 400).
 */
export function routeMatcher(template: string): (path: string, query?: URLSearchParams) => RouteParams | undefined {
  if (!template.startsWith('/')) throw new KitapError('E_USAGE', `a route starts with "/": ${template}`);
  const q = template.indexOf('?');
  const pathPart = q < 0 ? template : template.slice(0, q);
  const queryPart = q < 0 ? '' : template.slice(q + 1);
  const names: (keyof RouteParams)[] = [];
  const source = pathPart
    .split(/(\{id\}|\{invNumber\})/)
    .map((part) => {
      if (part === '{id}' || part === '{invNumber}') {
        names.push(part === '{id}' ? 'id' : 'invNumber');
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const re = new RegExp(`^${source}/?$`);
  const queryName = [...new URLSearchParams(queryPart)].find(([, value]) => value === '{invNumber}')?.[0];
  return (path, query) => {
    const m = re.exec(path);
    if (!m) return undefined;
    const params: RouteParams = {};
    for (const [i, name] of names.entries()) {
      try {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      } catch {
        return undefined;
      }
    }
    if (queryName !== undefined) params.invNumber = query?.get(queryName) ?? '';
    return params;
  };
}
