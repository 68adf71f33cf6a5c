/**
 * The bearer token of a client: signed in lazily, renewed shortly before it
 * expires (when the JWT says when) and after a 401, with one sign-in at a time
 * however many requests are waiting for it.
 */
export class RabisSession {
  #token: string | undefined;
  /** When the current token was obtained (ms). */
  #obtainedAt: number;
  #signingIn: Promise<string> | undefined;
  readonly #issued: string[] = [];
  readonly #signIn: (() => Promise<string>) | undefined;
  readonly #now: () => number;

  /**
   * @param initialToken a configured token, used until it is refused
   * @param signIn signs in with the configured credentials; absent: the token cannot be renewed
   */
  constructor(initialToken: string | undefined, signIn: (() => Promise<string>) | undefined, now: () => number = Date.now) {
    this.#token = initialToken;
    if (initialToken !== undefined) this.#issued.push(initialToken);
    this.#signIn = signIn;
    this.#now = now;
    this.#obtainedAt = now();
  }

  /** The token held now, without signing in (undefined while none is held or a sign-in is under way). */
  get current(): string | undefined {
    return this.#signingIn === undefined ? this.#token : undefined;
  }

  /** True when `token` is no longer the newest: a sign-in is under way or has replaced it. */
  superseded(token: string | undefined): boolean {
    return this.#signingIn !== undefined || (this.#token !== undefined && this.#token !== token);
  }

  /** True when a refused token can be replaced by signing in. */
  get canRenew(): boolean {
    return this.#signIn !== undefined;
  }

  /**
   * The token for the next request: signs in when there is none, or when its
   * `exp` claim says it ends within 30 seconds (or within half its lifetime,
   * for short-lived tokens, so they are not renewed before every request).
   */
  async token(): Promise<string | undefined> {
    if (this.#signingIn) return this.#signingIn;
    const token = this.#token;
    if (token === undefined) return this.#signIn ? this.signIn() : undefined;
    const exp = jwtExpiry(token);
    if (exp !== undefined && this.#signIn) {
      const now = this.#now();
      const left = exp * 1000 - now;
      const lifetime = exp * 1000 - this.#obtainedAt;
      if (left < Math.min(30_000, lifetime / 2)) return this.signIn();
    }
    return token;
  }

  /**
   * A token to replace `stale`, which the server refused. When another request
   * renewed it meanwhile, that token is returned without signing in again.
   */
  async renew(stale: string | undefined): Promise<string | undefined> {
    if (this.#signingIn) return this.#signingIn;
    if (this.#token !== stale) return this.#token;
    if (!this.#signIn) return undefined;
    this.#token = undefined;
    return this.signIn();
  }

  /** Every token this session has held: the logger and errors mask them all. */
  secrets(): readonly string[] {
    return this.#issued;
  }

  private signIn(): Promise<string> {
    const signIn = this.#signIn!;
    const pending = signIn().then(
      (token) => {
        this.#token = token;
        this.#obtainedAt = this.#now();
        this.#issued.push(token);
        if (this.#issued.length > 16) this.#issued.splice(1, 1);
        this.#signingIn = undefined;
        return token;
      },
      (error: unknown) => {
        this.#signingIn = undefined;
        throw error;
      },
    );
    this.#signingIn = pending;
    return pending;
  }
}

/** The `exp` claim (seconds since 1970) of a JWT, when it has one and is readable. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}
