/** What a stand-in resumption token carries: the request and where the next page starts. */
export interface ListPosition {
  /** 0-based offset of the next page in the filtered list. */
  offset: number;
  metadataPrefix: string;
  set?: string;
  from?: string;
  until?: string;
}

/**
 * Encodes a list position as an opaque token (base64url JSON). Tokens hold
 * all the state, so the stand-in keeps none and a restarted stand-in still
 * takes them — as a real repository would not; the `badResumptionTokenOnce`
 * fault plays that part.
 */
export function encodeToken(position: ListPosition): string {
  const json: Record<string, string | number> = { o: position.offset, m: position.metadataPrefix };
  if (position.set !== undefined) json['s'] = position.set;
  if (position.from !== undefined) json['f'] = position.from;
  if (position.until !== undefined) json['u'] = position.until;
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/** Decodes a token; undefined when it is not one of the stand-in's. */
export function decodeToken(token: string): ListPosition | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  try {
    const json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { o, m, s, f, u } = json;
    if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || typeof m !== 'string') return undefined;
    if ((s !== undefined && typeof s !== 'string') || (f !== undefined && typeof f !== 'string') || (u !== undefined && typeof u !== 'string')) return undefined;
    const position: ListPosition = { offset: o, metadataPrefix: m };
    if (s !== undefined) position.set = s;
    if (f !== undefined) position.from = f;
    if (u !== undefined) position.until = u;
    return position;
  } catch {
    return undefined;
  }
}
