import { z } from 'zod';
import { Secret } from './secret.js';

/**
 * The routes kitap uses, as path templates relative to the base URL; `{id}`
 * and `{invNumber}` are filled in (URL-encoded). Only some are publicly known
 * (see `ROUTE_PROVENANCE`); the others are kitap's assumptions and must be set
 * from the installation's documentation.
 */
export const DEFAULT_ROUTES = {
  signIn: '/api/v1/auth/sign-in',
  departments: '/api/v1/dictionary/department',
  card: '/api/v1/ebook/{id}/card',
  copies: '/api/v1/ebook/{id}/inv',
  search: '/api/v1/search/ebook/simple',
  inventoryLookup: '/api/v1/inv?invNumber={invNumber}',
  import: '/api/v1/kitap/import',
  importIso2709: '/api/v1/kitap/import/iso2709',
  version: '/version',
} as const;

/** The name of a configurable route. */
export type RouteName = keyof typeof DEFAULT_ROUTES;

/**
 * Whether a default route was seen in Web-RABIS's public code (`known`) or is
 * kitap's assumption (`assumed`), so docs and `--help` never present a guess
 * as fact.
 */
export const ROUTE_PROVENANCE: Readonly<Record<RouteName, 'known' | 'assumed'>> = {
  signIn: 'known',
  departments: 'known',
  card: 'known',
  copies: 'assumed',
  search: 'known',
  inventoryLookup: 'assumed',
  import: 'assumed',
  importIso2709: 'assumed',
  version: 'known',
};

const route = z
  .string()
  .min(1)
  .refine((value) => value.startsWith('/'), { message: 'a route starts with "/"' });

const routesSchema = z.strictObject({
  signIn: route.default(DEFAULT_ROUTES.signIn),
  departments: route.default(DEFAULT_ROUTES.departments),
  card: route.default(DEFAULT_ROUTES.card),
  /** `null`: the installation has no copy list route; copies are read from the card's `inv[]`. */
  copies: route.nullable().default(DEFAULT_ROUTES.copies),
  search: route.default(DEFAULT_ROUTES.search),
  inventoryLookup: route.default(DEFAULT_ROUTES.inventoryLookup),
  import: route.default(DEFAULT_ROUTES.import),
  /** Where ISO2709 records are imported (kitap's assumption, like `import`); may be the same path as `import`. */
  importIso2709: route.default(DEFAULT_ROUTES.importIso2709),
  version: route.default(DEFAULT_ROUTES.version),
});

const secret = z
  .string()
  .min(1)
  .transform((value) => new Secret(value));

/**
 * How to reach one Web-RABIS installation. Credentials become `Secret`s on
 * parsing, so a parsed config can be printed without leaking them. Either a
 * `token` or `username` + `password` (or both: the token is used first and
 * renewed by signing in).
 */
export const rabisConfigSchema = z
  .strictObject({
    /** Base URL (http or https); a path here prefixes every route. */
    url: z.url({ protocol: /^https?$/, message: 'the url must be an http or https address' }),
    routes: routesSchema.default(() => routesSchema.parse({})),
    username: z.string().min(1).optional(),
    password: secret.optional(),
    token: secret.optional(),
    /** Requests in flight at once (and connections in the pool). */
    concurrency: z.int().min(1).max(64).default(4),
    /** Requests per second at most; none: no limit. */
    rate: z.number().positive().optional(),
    /** Time for one attempt (connection, answer and body), in milliseconds. */
    timeoutMs: z.int().min(1).default(30_000),
    /** Retries after the first attempt for transient failures (timeouts, resets, 429, 5xx). */
    retries: z.int().min(0).max(20).default(5),
    /** First backoff step in milliseconds; each retry doubles it (with jitter) up to `retryMaxMs`. */
    retryBaseMs: z.int().min(0).default(500),
    /** Longest wait between two attempts, including a server's `Retry-After`. */
    retryMaxMs: z.int().min(0).default(60_000),
    /** Records per import request. */
    batchSize: z.int().min(1).max(10_000).default(100),
    /** The Content-Type of an ISO2709 import request (kitap's assumption: `application/marc`, RFC 2220). */
    iso2709ContentType: z
      .string()
      .regex(/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;.*)?$/, { message: 'a media type such as application/marc' })
      .default('application/marc'),
  })
  .refine((config) => (config.username === undefined) === (config.password === undefined), {
    message: 'username and password go together',
    path: ['password'],
  });

/** A parsed, complete client configuration. */
export type RabisConfig = z.output<typeof rabisConfigSchema>;
/** What a config file or the CLI may give (defaults are filled in). */
export type RabisConfigInput = z.input<typeof rabisConfigSchema>;
