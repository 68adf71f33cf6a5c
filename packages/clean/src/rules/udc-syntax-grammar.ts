/**
 * The notation of the Universal Decimal Classification (УДК) as catalogs
 * write it, permissive where practice varies.
 *
 * ```
 * expression = term { ("::" | ":" | "+" | "/") term }          relation, coordination, extension
 * term       = (number | "[" expression "]" | auxiliary) { auxiliary }
 * number     = digits { "." digits }                          "821.512.122", "94", "37.0", "37.015.3"
 *                a period after every three digits; a period after fewer digits
 *                only before a ".0" special auxiliary ("37.0", "624.01")
 * auxiliary  = "(" inner ")"                                  place, form, ethnic: "(574)", "(075.8)", "(=512.122)"
 *            | '"' inner '"'                                  time: "19", "1941/1945"
 *            | "=" digits { "." digits }                      language: "=161.1", "=512.122"
 *            | "-" digits { "." digits }                      hyphen auxiliaries: "-31", "-053.2"
 *            | ".0" digits { "." digits }                     point-nought auxiliaries after another auxiliary
 *            | "'" digits { "." digits }                      apostrophe compounding
 *            | "*" notation                                   non-UDC notation: "*4"
 *            | capital { letter }                             alphabetic extension: "929Абай"
 * inner      = no spaces, no nested brackets of the same kind
 * ```
 */

const DIGIT = /[0-9]/;
const CAPITAL = /\p{Lu}/u;
const LETTER = /\p{L}/u;
const INNER = /[0-9\p{L}.=\-:+/"'*,]/u;

/**
 * The everyday notations, all of which the grammar accepts with their periods right, as one regular
 * expression: "821.512.122-31", "94(574)", "37.015.3", "398.21", "811.512.122(=161.1)". A main number
 * has a period after every three digits, or after fewer only before a "0" ("37.015"). It leaves out what
 * is rare or needs care (brackets, ".0" after an auxiliary, "*", commas, spaces, a run of four digits
 * after ":", "+", "/" or "["), and no notation it matches ends in a space or punctuation. A quick first
 * test: whatever it does not match goes to the parser.
 */
export const PLAIN_UDC = plainUdc();

function plainUdc(): RegExp {
  // Letters named one by one rather than as \p{L}: the parser reads a character from outside the
  // Basic Multilingual Plane as two halves, neither a letter, and turns it down.
  const capital = 'A-ZА-ЯЁӘҒҚҢӨҰҮҺІ';
  const letter = `${capital}a-zа-яёәғқңөұүһі`;
  const groups = String.raw`\d+(?:\.\d+)*`;
  const number = String.raw`(?:(?:\d{3}|\d{1,2}(?=\.0))\.)*\d{1,3}(?!\d)`;
  const inner = `[0-9${letter}=\\-]+`;
  const auxiliary = [String.raw`\(${inner}(?:\.${inner})*\)`, String.raw`"\d+"`, `[=\\-']${groups}`, `[${capital}][${letter}]*`].join('|');
  const term = `(?:${number}|${auxiliary})(?:${auxiliary})*`;
  return new RegExp(`^${term}(?:(?:::?|[+/])${term})*$`);
}

export type UdcProblem = { kind: 'syntax'; reason: string } | { kind: 'grouping'; number: string; expected: string; plain: boolean };

/** The first problem of a UDC notation; undefined when it is well-formed. */
export function udcProblem(notation: string): UdcProblem | undefined {
  try {
    new Parser(notation).parse();
    return undefined;
  } catch (e) {
    if (e instanceof UdcError) return e.problem;
    throw e;
  }
}

/** Digits grouped by three: "821512122" → "821.512.122". */
export function groupByThree(digits: string): string {
  return digits.match(/\d{1,3}/g)!.join('.');
}

class UdcError extends Error {
  readonly problem: UdcProblem;
  constructor(problem: UdcProblem) {
    super(problem.kind === 'syntax' ? problem.reason : `grouping of ${problem.number}`);
    this.problem = problem;
  }
}

class Parser {
  #pos = 0;
  readonly #s: string;

  constructor(s: string) {
    this.#s = s;
  }

  parse(): void {
    if (this.#s === '') this.#fail('the number is empty');
    this.#expression();
    if (this.#pos < this.#s.length) this.#unexpected();
  }

  #expression(): void {
    this.#term();
    for (;;) {
      const c = this.#peek();
      if (c === ':' || c === '+' || c === '/') {
        this.#pos += this.#s.startsWith('::', this.#pos) ? 2 : 1;
        if (this.#pos >= this.#s.length) this.#fail(`nothing after "${c}"`);
        this.#term();
      } else return;
    }
  }

  #term(): void {
    const c = this.#peek();
    if (c !== undefined && DIGIT.test(c)) this.#number();
    else if (c === '[') {
      this.#pos++;
      this.#expression();
      if (this.#peek() !== ']') this.#fail(this.#pos >= this.#s.length ? 'unbalanced brackets: "[" without "]"' : `unexpected "${this.#peek()}" inside "[…]"`);
      this.#pos++;
    } else if (!this.#auxiliary()) this.#unexpected();
    while (this.#auxiliary());
  }

  /** A main number, with its period grouping checked. */
  #number(): void {
    const start = this.#pos;
    const groups = this.#groups();
    const text = this.#s.slice(start, this.#pos);
    const digits = groups.join('');
    const bad = groups.some((g, i) => g.length > 3 || (i < groups.length - 1 && g.length < 3 && !groups[i + 1]!.startsWith('0')));
    if (bad) throw new UdcError({ kind: 'grouping', number: text, expected: groupByThree(digits), plain: groups.length === 1 });
  }

  /** One auxiliary; false when none starts here. */
  #auxiliary(): boolean {
    const c = this.#peek();
    if (c === undefined) return false;
    if (c === '(') this.#enclosed('(', ')');
    else if (c === '"') this.#enclosed('"', '"');
    else if (c === '=' || c === '-' || c === "'") {
      this.#pos++;
      if (!this.#isDigit()) this.#fail(`a digit must follow "${c}"`);
      this.#groups();
    } else if (c === '.' && this.#s[this.#pos + 1] === '0') {
      this.#pos++;
      this.#groups();
    } else if (c === '*') {
      this.#pos++;
      const start = this.#pos;
      while (this.#peek() !== undefined && /[0-9\p{L}.]/u.test(this.#peek()!)) this.#pos++;
      if (this.#pos === start) this.#fail('a notation must follow "*"');
    } else if (CAPITAL.test(c)) {
      while (this.#peek() !== undefined && LETTER.test(this.#peek()!)) this.#pos++;
    } else return false;
    return true;
  }

  #enclosed(open: string, close: string): void {
    const start = this.#pos;
    this.#pos++;
    while (this.#pos < this.#s.length && this.#s[this.#pos] !== close) {
      const c = this.#s[this.#pos]!;
      if (c === open) this.#fail(`unbalanced ${describe(open)}: "${open}" inside "${open}…${close}"`);
      if (c === ' ') this.#fail(`a space inside "${open}…${close}"`);
      if (!INNER.test(c)) this.#fail(`unexpected "${c}" inside "${open}…${close}"`);
      this.#pos++;
    }
    if (this.#pos >= this.#s.length) this.#fail(open === '"' ? 'a time auxiliary without its closing quote' : `unbalanced ${describe(open)}: "${open}" without "${close}"`);
    const inner = this.#s.slice(start + 1, this.#pos);
    if (inner === '') this.#fail(`empty "${open}${close}"`);
    if (inner.includes('..')) this.#fail('two periods in a row');
    this.#pos++;
  }

  #groups(): string[] {
    const groups: string[] = [];
    for (;;) {
      const start = this.#pos;
      while (this.#isDigit()) this.#pos++;
      if (this.#pos === start) this.#fail(this.#s[this.#pos - 1] === '.' && this.#s[this.#pos] === '.' ? 'two periods in a row' : 'a period must be followed by a digit');
      groups.push(this.#s.slice(start, this.#pos));
      if (this.#peek() !== '.') return groups;
      this.#pos++;
    }
  }

  #peek(): string | undefined {
    return this.#s[this.#pos];
  }

  #isDigit(): boolean {
    const c = this.#s[this.#pos];
    return c !== undefined && DIGIT.test(c);
  }

  #unexpected(): never {
    const c = this.#s[this.#pos];
    if (c === undefined) this.#fail('the number ends too early');
    if (c === ' ') this.#fail('a space inside the number');
    if (c === ')') this.#fail('unbalanced parentheses: ")" without "("');
    if (c === ']') this.#fail('unbalanced brackets: "]" without "["');
    if (c === ',') this.#fail('a comma (UDC has none)');
    this.#fail(`unexpected "${c}" at position ${this.#pos + 1}`);
  }

  #fail(reason: string): never {
    throw new UdcError({ kind: 'syntax', reason });
  }
}

function describe(open: string): string {
  return open === '(' ? 'parentheses' : open === '[' ? 'brackets' : 'quotes';
}
