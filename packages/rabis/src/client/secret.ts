import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A credential (password or token) that does not print itself: `String()`,
 * `JSON.stringify` and `util.inspect` show `[redacted]`, so a config object
 * can be logged or dumped in an error report without leaking it. Only
 * `reveal()` gives the value, for the one place that sends it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself: only for putting it on the wire. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}

/** The text that stands for a redacted secret in logs and errors. */
export const REDACTED_TEXT = REDACTED;
