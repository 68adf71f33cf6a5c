/**
 * A reasoned grammar of BBK (ББК, Library-Bibliographic Classification)
 * indexes as libraries write them, permissive where practice varies.
 *
 * ```
 * index       = part { (":" | "+" | "/") part }          relation, combination, range ("6/8")
 * part        = main { qualifier }
 * main        = digit-main | letter-main
 * digit-main  = 1-2 digits { "." group }                 "84", "63.3", "74.268.1", "32.973.26"
 *                 a period after the first two digits, then after every three;
 *                 a middle group has exactly three digits, the last one to three
 * letter-main = capital letter [ digits { "." digits } ]  old editions: "Ш5", "Т3", "Ч420"
 * qualifier   = "(" territorial ")"                       "(5Каз)", "(2Рос=Рус)", "(2=411.2)", "(4/8)"
 *             | ")" "," digits                            special subdivisions of class 66: "66.3(2Рос),12"
 *             | digits { "." digits }   after ")" or a code: period subdivision "(2Рос=Рус)1", "84Р7"
 *             | capital { small }                         language or country code: "81.2Каз", "84Р7"
 *             | small digits                              type subdivisions: "я7", "я73", "в6"
 *             | "-" digits { "." digits } [ " " name ]    special subdivisions: "-44", "-922", "-018.2", "-8 Абай"
 *             | "=" (digits { "." digits } | code)        language/ethnos: "=411.2", "=Рус"
 *             | ("'" | "`") digits                        apostrophe and grave subdivisions
 * territorial = { digit | Cyrillic letter | "=" | "." | "-" | "/" | "," }   no spaces, no nesting
 * ```
 */

const UPPER = /[А-ЯЁӘҒҚҢӨҰҮҺІ]/;
const LOWER = /[а-яёәғқңөұүһі]/;
const DIGIT = /[0-9]/;
const TERRITORIAL = /[0-9А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі=.\-/,]/;

/**
 * The everyday indexes, all of which the grammar accepts, as one regular expression: "84(5Каз)-44",
 * "63.3(5Каз)", "81.2Каз", "84(2Рос=Рус)6-44", "74.268.1", "Ш5". It leaves out what is rare or
 * needs care (commas, spaces and personalia, Latin letters, periods at the edge of "(…)"), and no
 * index it matches ends in a space or punctuation. A quick first test: whatever it does not match
 * goes to the parser.
 */
export const PLAIN_BBK = plainBbk();

function plainBbk(): RegExp {
  const upper = 'А-ЯЁӘҒҚҢӨҰҮҺІ';
  const lower = 'а-яёәғқңөұүһі';
  const groups = String.raw`\d+(?:\.\d+)*`;
  // Two digits, then groups of three, the last of one to three; or one or two digits alone.
  const digitMain = String.raw`(?:\d\d(?:\.\d{3})*(?:\.\d{1,3})?|\d)`;
  const letterMain = `[${upper}](?:${groups})?`;
  const territorial = `[0-9${upper}${lower}=\\-/]+`;
  const qualifier = [
    String.raw`\(${territorial}(?:\.${territorial})*\)(?:${groups})?`,
    // A code takes all the small letters after it, as the parser does.
    `[${upper}][${lower}]*(?![${lower}])(?:${groups})?`,
    `[${lower}]${groups}`,
    `-${groups}`,
    `=(?:${groups}|[${upper}][${lower}]*(?![${lower}]))`,
    `['\`]${groups}`,
  ].join('|');
  const part = `(?:${digitMain}|${letterMain})(?:${qualifier})*`;
  return new RegExp(`^${part}(?:[:+/]${part})*$`);
}

/** Why an index does not parse; undefined when it does. */
export function bbkProblem(index: string): string | undefined {
  try {
    new Parser(index).parse();
    return undefined;
  } catch (e) {
    if (e instanceof BbkError) return e.message;
    throw e;
  }
}

class BbkError extends Error {}

type Previous = 'main' | 'paren' | 'code' | 'digits' | 'special' | 'other';

class Parser {
  #pos = 0;
  readonly #s: string;

  constructor(s: string) {
    this.#s = s;
  }

  parse(): void {
    if (this.#s === '') this.#fail('the index is empty');
    this.#part();
    while (this.#pos < this.#s.length) {
      const c = this.#s[this.#pos]!;
      if (c === ':' || c === '+' || c === '/') {
        this.#pos++;
        if (this.#pos >= this.#s.length) this.#fail(`nothing after "${c}"`);
        this.#part();
      } else this.#unexpected();
    }
  }

  #part(): void {
    const c = this.#peek();
    if (c !== undefined && DIGIT.test(c)) this.#digitMain();
    else if (c !== undefined && UPPER.test(c)) {
      this.#pos++;
      if (this.#isDigit()) this.#groups();
    } else this.#unexpected();
    this.#qualifiers();
  }

  #qualifiers(): void {
    let previous: Previous = 'main';
    for (;;) {
      const c = this.#peek();
      if (c === undefined) return;
      if (c === '(') {
        this.#territorial();
        previous = 'paren';
      } else if (c === ')') {
        this.#fail('unbalanced parentheses: ")" without "("');
      } else if (c === ',' && previous === 'paren') {
        this.#pos++;
        if (!this.#isDigit()) this.#unexpected();
        this.#groups();
        previous = 'digits';
      } else if (DIGIT.test(c) && (previous === 'paren' || previous === 'code')) {
        this.#groups();
        previous = 'digits';
      } else if (UPPER.test(c)) {
        this.#pos++;
        while (this.#peek() !== undefined && LOWER.test(this.#peek()!)) this.#pos++;
        previous = 'code';
      } else if (LOWER.test(c)) {
        this.#pos++;
        if (!this.#isDigit()) this.#fail(`a digit must follow "${c}"`);
        this.#groups();
        previous = 'digits';
      } else if (c === '-') {
        this.#pos++;
        if (!this.#isDigit()) this.#fail('a digit must follow "-"');
        const start = this.#pos;
        this.#groups();
        // Personalia: "-8 Абай" names the person a work is about.
        if (this.#s[start] === '8' && /^ [А-ЯЁӘҒҚҢӨҰҮҺІ][^():+/]*$/.test(this.#s.slice(this.#pos))) this.#pos = this.#s.length;
        previous = 'special';
      } else if (c === '=') {
        this.#pos++;
        if (this.#isDigit()) this.#groups();
        else if (this.#peek() !== undefined && UPPER.test(this.#peek()!)) {
          this.#pos++;
          while (this.#peek() !== undefined && LOWER.test(this.#peek()!)) this.#pos++;
        } else this.#fail('a language code must follow "="');
        previous = 'other';
      } else if (c === "'" || c === '`') {
        this.#pos++;
        if (!this.#isDigit()) this.#fail(`a digit must follow "${c}"`);
        this.#groups();
        previous = 'other';
      } else return;
    }
  }

  /** The main-table number: "84", "63.3", "74.268.1". */
  #digitMain(): void {
    const start = this.#pos;
    const groups = this.#groups();
    const text = this.#s.slice(start, this.#pos);
    const [first, ...rest] = groups;
    if (first!.length > 2) this.#fail(`"${text}" needs a period after the first two digits`);
    if (rest.length && first!.length !== 2) this.#fail(`"${text}" needs two digits before the first period`);
    rest.forEach((g, i) => {
      if (g.length > 3 || (i < rest.length - 1 && g.length !== 3)) this.#fail(`"${text}" needs a period after every three digits following the first two`);
    });
  }

  /** Digit groups separated by single periods; returns the groups. */
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

  #territorial(): void {
    const open = this.#pos;
    this.#pos++;
    while (this.#pos < this.#s.length && this.#s[this.#pos] !== ')') {
      const c = this.#s[this.#pos]!;
      if (c === '(') this.#fail('unbalanced parentheses: "(" inside "(…)"');
      if (c === ' ') this.#fail('a space inside "(…)"');
      if (!TERRITORIAL.test(c)) this.#fail(`unexpected "${c}" inside "(…)"`);
      this.#pos++;
    }
    if (this.#pos >= this.#s.length) this.#fail('unbalanced parentheses: "(" without ")"');
    const inner = this.#s.slice(open + 1, this.#pos);
    if (inner === '') this.#fail('empty "()"');
    if (inner.includes('..')) this.#fail('two periods in a row');
    this.#pos++;
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
    if (c === undefined) this.#fail('the index ends too early');
    if (c === ' ') this.#fail('a space inside the index');
    this.#fail(`unexpected "${c}" at position ${this.#pos + 1}`);
  }

  #fail(reason: string): never {
    throw new BbkError(reason);
  }
}
