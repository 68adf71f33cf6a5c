/**
 * Guess the character set of a record from its bytes.
 *
 * Order of evidence:
 *  1. pure ASCII — every supported set reads it the same way;
 *  2. valid UTF-8 with multi-byte characters — random legacy bytes are almost
 *     never valid UTF-8 (unless it decodes to private-use or rare
 *     supplementary characters: cp866 "Ёлки" is valid UTF-8 for U+2BAA8);
 *  3. MARC-8 escape sequences (ESC ( N …) — they do not occur by accident;
 *  4. otherwise each single-byte reading (cp1251, rk1048, pt154, koi8-r,
 *     cp866, latin1) and the ANSEL (MARC-8 without escapes) reading is scored
 *     by how much it looks like natural Russian / Kazakh / Western text:
 *     letter frequencies, letter case inside words (koi8-r and cp1251 swap
 *     case), script mixing inside words, vowels, undefined bytes, box-drawing
 *     characters. Readings that decode the bytes present identically (pure
 *     Russian in cp1251, rk1048 and pt154) are one tie group, resolved by
 *     `prior`, else cp1251 > rk1048 > pt154.
 *
 * Leader/09 is only a hint: it is reported when the bytes disagree with it
 * and gives the ANSEL reading a small bonus when blank.
 */
import { ANSEL_KIND, anselComposes, scanMarc8Escapes, decodeMarc8 } from './marc8.js';
import type { CharsetName } from './names.js';
import { singleByteTable, type SingleByteCharset } from './single-byte.js';
import { isAscii, isUtf8 } from 'node:buffer';
import { scanUtf8 } from './utf8.js';

export interface Detection {
  charset: CharsetName;
  confidence: 'certain' | 'likely' | 'guess';
  reason: string;
  /**
   * When the single-byte readings were scored: the best one that decodes the bytes differently
   * from the answer. A set that is neither the answer nor this one read the record worse than
   * both (so a 'guess' between rk1048 and pt154 still says the text is not cp1251).
   */
  runnerUp?: CharsetName;
}

export interface DetectHints {
  /** Leader position 9: 'a' claims UTF-8, ' ' claims MARC-8 (MARC 21). */
  leader09?: string;
  /** What earlier records of the same file were detected as. */
  prior?: CharsetName;
}

// ---------------------------------------------------------------------------
// letter statistics

/** Approximate frequency (% of letters) of lower-case Cyrillic letters in Russian and Kazakh catalog text. */
const CYRILLIC_FREQ: Record<string, number> = {
  о: 10.5, е: 8.4, а: 8.2, и: 7.2, н: 6.7, т: 6.2, с: 5.4, р: 4.7, в: 4.4, л: 4.4, к: 3.5, м: 3.2, д: 3.0,
  п: 2.8, у: 2.6, я: 2.0, ы: 1.9, ь: 1.7, г: 1.7, з: 1.6, б: 1.6, ч: 1.4, й: 1.2, х: 1.0, ж: 0.9, ш: 0.7,
  ю: 0.6, ц: 0.5, щ: 0.35, э: 0.3, ф: 0.3, ё: 0.25, ъ: 0.04,
  // Kazakh letters beyond Russian
  і: 2.4, ә: 2.0, қ: 1.8, ң: 1.0, ү: 1.0, ғ: 0.8, ұ: 0.8, ө: 0.6, һ: 0.05,
  // Ukrainian / Belarusian, seen now and then
  ї: 0.3, є: 0.3, ґ: 0.05, ў: 0.2,
};
/** Any other Cyrillic letter (Serbian ђ ј љ, Macedonian ќ ѓ, Tajik ҷ ӯ …) — what wrong tables produce. */
const RARE_CYRILLIC_FREQ = 0.003;

const VOWELS = new Set([...'аеёиоуыэюяәіөұүїє']);
/** Kazakh letters that do not collide with Ukrainian/Belarusian letters of cp1251 (є ї ў → ғ ү ұ in rk1048). */
const STRONG_KAZAKH = new Set([...'әқңөһ']);

/**
 * Whether byte `k` read as a Kazakh letter by rk1048 or pt154 is evidence of Kazakh text: only
 * when cp1251 reads it as something no Russian, Ukrainian or Belarusian text has (Serbian or
 * Macedonian letters such as Ќ ћ Ј Ѕ, or an undefined byte). Where cp1251 has a letter or sign of
 * those texts — Ґ ґ (rk1048's Ө ө), Є є (pt154's Ә ә), µ and ¤ (pt154's ө Ө) — the byte proves
 * nothing, and "Ґрунти України" or "20 µг" must stay cp1251.
 */
function kazakhEvidence(k: number): boolean {
  const ch = singleByteTable('cp1251').chars[k] ?? '\uFFFD';
  if (ch === '\uFFFD') return true;
  const lower = ch.toLowerCase();
  return !(lower in CYRILLIC_FREQ || NEUTRAL.has(ch) || MILD.has(ch));
}

function letterWeight(freqPercent: number): number {
  return Math.log(freqPercent / 100) + 6;
}

/** Neutral punctuation common in catalog text. */
const NEUTRAL = new Set([...'«»„“”‘’–—…№§©°\u00a0']);
/** Punctuation that is plausible but not common. */
const MILD = new Set([...'‚•‰±·®¶†‡€™¤¦¬\u00ad‹›µ']);

// character classes (bit fields)
const LETTER = 1;
const UPPER = 2;
const CYR = 4;
const LAT = 8;
const VOWEL = 16;
const BAD = 32; // undefined byte or C1 control
const KAZAKH = 64; // ә қ ң ө һ: Kazakh letters no other Cyrillic orthography in cp1251 has
const HIGH_LATIN = 128; // a Latin letter from a byte ≥ 0x80 (é, ü, …)

interface Profile {
  readonly charset: SingleByteCharset;
  /** class bits for every byte (ASCII letters included) */
  readonly cls: Uint8Array;
  /** plausibility of each byte ≥ 0x80 (0 for ASCII) */
  readonly weight: Float64Array;
}

const profiles = new Map<SingleByteCharset, Profile>();

/** ASCII letters: Latin, with vowels marked. */
const ASCII_CLASS = new Uint8Array(128);
for (let b = 0x41; b <= 0x7a; b++) {
  if (b > 0x5a && b < 0x61) continue;
  ASCII_CLASS[b] = LETTER | LAT | (b <= 0x5a ? UPPER : 0) | ('AEIOUaeiou'.includes(String.fromCharCode(b)) ? VOWEL : 0);
}

function profile(charset: SingleByteCharset): Profile {
  let p = profiles.get(charset);
  if (p) return p;
  const { chars } = singleByteTable(charset);
  const cls = new Uint8Array(256);
  cls.set(ASCII_CLASS);
  const weight = new Float64Array(256);
  for (let k = 0x80; k < 0x100; k++) {
    const ch = chars[k] ?? '\uFFFD';
    const cp = ch.charCodeAt(0);
    if (ch === '\uFFFD' || (cp >= 0x80 && cp <= 0x9f)) {
      cls[k] = BAD;
      weight[k] = -8;
    } else if (/\p{L}/u.test(ch) && !MILD.has(ch)) {
      // (µ is a letter to Unicode but a sign of units in catalog text: it is weighed as MILD below)
      const lower = ch.toLowerCase();
      const upper = ch !== lower;
      let c = LETTER | (upper ? UPPER : 0);
      let w: number;
      if (/\p{Script=Cyrillic}/u.test(ch)) {
        c |= CYR;
        if (VOWELS.has(lower)) c |= VOWEL;
        if (STRONG_KAZAKH.has(lower) && (charset === 'cp1251' || kazakhEvidence(k))) c |= KAZAKH;
        w = letterWeight(CYRILLIC_FREQ[lower] ?? RARE_CYRILLIC_FREQ);
      } else if (/\p{Script=Latin}/u.test(ch)) {
        c |= LAT | HIGH_LATIN;
        w = 1;
      } else {
        w = -3; // µ, Greek …
      }
      cls[k] = c;
      weight[k] = upper ? w - 0.5 : w;
    } else if (NEUTRAL.has(ch)) {
      weight[k] = 0;
    } else if (MILD.has(ch)) {
      weight[k] = -1;
    } else {
      weight[k] = -3; // box drawing, maths, other symbols
    }
  }
  p = { charset, cls, weight };
  profiles.set(charset, p);
  return p;
}

// ---------------------------------------------------------------------------
// census: one pass over the record

interface Census {
  /** bytes ≥ 0x80 */
  high: number;
  /** occurrences of each byte ≥ 0x80 (index b - 0x80) */
  counts: Uint32Array;
  /** [start, end) pairs: runs of ASCII letters and bytes ≥ 0x80 containing at least one byte ≥ 0x80 */
  tokens: number[];
}

function census(bytes: Uint8Array): Census {
  const counts = new Uint32Array(128);
  const tokens: number[] = [];
  let high = 0;
  let start = -1;
  let tokenHigh = false;
  let prev = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80) {
      high++;
      counts[b - 0x80] = (counts[b - 0x80] as number) + 1;
      if (start < 0) start = i;
      tokenHigh = true;
    } else if (ASCII_CLASS[b] !== 0 && prev !== 0x1f) {
      // (the subfield code after 0x1F is not part of the word that follows it)
      if (start < 0) {
        start = i;
        tokenHigh = false;
      }
    } else if (start >= 0) {
      if (tokenHigh) tokens.push(start, i);
      start = -1;
    }
    prev = b;
  }
  if (start >= 0 && tokenHigh) tokens.push(start, n);
  return { high, counts, tokens };
}

/** UTF-8 needs a continuation byte (0x80-0xBF) for every lead byte: without enough of them it is not UTF-8 at all. */
function couldBeUtf8(counts: Uint32Array): boolean {
  let cont = 0;
  let lead = 0;
  for (let k = 0; k < 0x40; k++) cont += counts[k] as number;
  for (let k = 0x42; k < 0x75; k++) lead += counts[k] as number;
  return lead > 0 && cont >= lead;
}

// ---------------------------------------------------------------------------
// scoring

interface Score {
  total: number;
  /** Bytes read as rare letters, symbols or undefined (weight ≤ -2): what another table would fix. */
  rare: number;
  /** Sum of word penalties (mixed script, case pattern, no vowels). */
  wordPenalties: number;
  /** Letters that only Kazakh uses (ә қ ң ө һ). */
  kazakh: number;
}

/** Penalty for one word that contains bytes ≥ 0x80. */
function wordPenalty(letters: number, uppers: number, firstUpper: boolean, scripts: number, vowels: number, maxRun: number): number {
  let pen = 0;
  if ((scripts & (CYR | LAT)) === (CYR | LAT)) pen += 4; // mixed script
  const lowers = letters - uppers;
  if (!(uppers === 0 || lowers === 0 || (firstUpper && uppers === 1))) pen += 5; // "нЯМНБЩ": koi8-r/cp1251 case swap
  if (scripts === CYR) {
    if (letters >= 4 && vowels === 0) pen += 3;
    else if (maxRun >= 5) pen += 3;
  }
  return pen;
}

function scoreSingleByte(bytes: Uint8Array, toks: number[], p: Profile): Score {
  const cls = p.cls;
  const weight = p.weight;
  let total = 0;
  let rare = 0;
  let wordPenalties = 0;
  let kazakh = 0;
  for (let t = 0; t < toks.length; t += 2) {
    const s = toks[t] as number;
    const e = toks[t + 1] as number;
    // word state
    let letters = 0;
    let uppers = 0;
    let firstUpper = false;
    let scripts = 0;
    let hasHigh = false;
    let vowels = 0;
    let run = 0;
    let maxRun = 0;
    let prevHighLatin = false;
    for (let i = s; i <= e; i++) {
      let c = 0;
      if (i < e) {
        const b = bytes[i] as number;
        c = cls[b] as number;
        if (b >= 0x80) {
          const w = weight[b] as number;
          total += w;
          if (w <= -2) rare++;
          if (c & LETTER) hasHigh = true;
          if (c & KAZAKH) kazakh++;
        }
        if (c & HIGH_LATIN) {
          if (prevHighLatin) {
            total -= 2.5; // "Àáàé": Cyrillic read as Latin-1
            wordPenalties += 2.5;
          }
          prevHighLatin = true;
        } else {
          prevHighLatin = false;
        }
      }
      if (c & LETTER) {
        if (c & UPPER) {
          if (letters === 0) firstUpper = true;
          uppers++;
        }
        scripts |= c;
        if (c & VOWEL) {
          vowels++;
          run = 0;
        } else if (++run > maxRun) {
          maxRun = run;
        }
        letters++;
        continue;
      }
      // the word ends (a byte ≥ 0x80 that is not a letter, or the end of the token)
      if (hasHigh) {
        const pen = wordPenalty(letters, uppers, firstUpper, scripts & (CYR | LAT), vowels, maxRun);
        total -= pen;
        wordPenalties += pen;
      }
      letters = 0;
      uppers = 0;
      firstUpper = false;
      scripts = 0;
      hasHigh = false;
      vowels = 0;
      run = 0;
      maxRun = 0;
    }
  }
  return { total, rare, wordPenalties, kazakh };
}

function isAsciiLetter(b: number | undefined): boolean {
  return b !== undefined && b < 0x80 && ASCII_CLASS[b] !== 0;
}

/**
 * ANSEL reading (MARC-8): combining bytes must sit before letters. G0 is
 * followed through escape sequences so that a mark before a Greek or Cyrillic
 * letter counts as well.
 */
function scoreAnsel(bytes: Uint8Array, withEscapes: boolean): number {
  let total = 0;
  let g0Latin = true;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      if (!withEscapes) continue;
      if (b === 0x1b) {
        const c = bytes[i + 1];
        if (c === 0x73) g0Latin = true;
        else if (c === 0x67 || c === 0x62 || c === 0x70 || c === 0x24) g0Latin = false;
        else if (c === 0x28 || c === 0x2c) g0Latin = bytes[i + 2] === 0x42;
      } else if (b >= 0x1d && b <= 0x1f) {
        g0Latin = true;
      }
      continue;
    }
    const kind = ANSEL_KIND[b] as number;
    if (kind === 0) total -= 8;
    else if (kind === 2) {
      const next = bytes[i + 1];
      if (isAsciiLetter(next)) total += g0Latin ? (anselComposes(b, next as number) ? 2.5 : 0.5) : 1.5;
      else if (next !== undefined && ANSEL_KIND[next] === 2) total += 1;
      else if (!g0Latin && next !== undefined && next > 0x20 && next < 0x7f) total += 1.5;
      else if (next === 0x26 && bytes[i + 2] === 0x23) total += 1.5; // before a numeric character reference (&#x03B1;)
      else if (next === 0x20) total -= 1;
      else total -= 4;
    } else if (kind === 1) {
      const prev = bytes[i - 1];
      const next = bytes[i + 1];
      total += isAsciiLetter(prev) || isAsciiLetter(next) || (next !== undefined && ANSEL_KIND[next] === 2) ? 1.5 : -1;
    }
  }
  return total;
}

// ---------------------------------------------------------------------------

const SINGLE_ORDER: readonly SingleByteCharset[] = ['cp1251', 'rk1048', 'pt154', 'koi8-r', 'cp866', 'latin1'];

function describeLeader(leader09: string | undefined): string {
  if (leader09 === 'a') return "leader/09 'a' (UTF-8)";
  if (leader09 === ' ') return 'leader/09 blank (MARC-8)';
  return `leader/09 '${leader09 ?? ''}'`;
}

/** How many bytes of the record decode differently in a and b. */
function differingBytes(counts: Uint32Array, a: SingleByteCharset, b: SingleByteCharset): number {
  const ta = singleByteTable(a).decode;
  const tb = singleByteTable(b).decode;
  let n = 0;
  for (let k = 0; k < 128; k++) if (ta[k + 0x80] !== tb[k + 0x80]) n += counts[k] as number;
  return n;
}

function fmt(n: number): string {
  return n.toFixed(2);
}

/**
 * In valid UTF-8, characters real catalog text hardly contains: private use
 * (U+E000-U+F8FF), noncharacters, and everything from U+20000 up (rare CJK
 * extensions, unassigned planes, plane-15/16 private use). Counted on the
 * lead bytes, without decoding.
 */
export function implausibleUtf8(bytes: Buffer): number {
  let odd = 0;
  for (let lead = 0xee; lead <= 0xf4; lead++) {
    for (let i = bytes.indexOf(lead); i >= 0; i = bytes.indexOf(lead, i + 1)) {
      const c = bytes[i + 1] ?? 0;
      const d = bytes[i + 2] ?? 0;
      if (lead === 0xee) odd++;
      else if (lead === 0xef) {
        if (c <= 0xa3 || (c === 0xb7 && d >= 0x90 && d <= 0xaf) || (c === 0xbf && d >= 0xbe)) odd++;
      } else if (lead === 0xf0) {
        if (c >= 0xa0) odd++;
      } else {
        odd++;
      }
    }
  }
  return odd;
}

const NO_ESCAPES = { valid: 0, invalid: 0, sets: new Set<string>() };

export function detectCharset(bytes: Uint8Array, hints: DetectHints = {}): Detection {
  const { leader09, prior } = hints;
  const n = bytes.length;
  // Buffer.indexOf is native (memchr); TypedArray.prototype.indexOf is not
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const escapes = buf.indexOf(0x1b) >= 0 ? scanMarc8Escapes(bytes, 0, n) : NO_ESCAPES;
  const leaderNote = leader09 === undefined ? '' : `; ${describeLeader(leader09)}`;

  // 1. pure ASCII
  const ascii = isAscii(bytes);
  if (ascii && escapes.valid === 0) {
    if (prior) {
      return {
        charset: prior,
        confidence: 'certain',
        reason: `all ${n} bytes are ASCII, which ${prior} (the charset of earlier records) reads the same way`,
      };
    }
    return {
      charset: 'utf-8',
      confidence: 'certain',
      reason: `all ${n} bytes are ASCII (a subset of UTF-8 and of every supported charset, MARC-8 included)${leaderNote}`,
    };
  }

  // 2. valid UTF-8
  let utfDoubt = '';
  if (!ascii && isUtf8(bytes)) {
    if (escapes.valid > 0) {
      return {
        charset: 'utf-8',
        confidence: 'likely',
        reason: `valid UTF-8 with non-ASCII characters, but also ${escapes.valid} MARC-8 escape sequence(s) — probably left over from a conversion${leaderNote}`,
      };
    }
    const odd = implausibleUtf8(buf);
    if (odd === 0) {
      const contradiction = leader09 === ' ' ? ', which the bytes contradict' : '';
      return {
        charset: 'utf-8',
        confidence: 'certain',
        reason: `valid UTF-8 with non-ASCII characters${leaderNote}${contradiction}`,
      };
    }
    // e.g. cp866 "Ёлки" (F0 AB AA A8) is valid UTF-8 for U+2BAA8: let the legacy readings compete
    utfDoubt = `valid UTF-8, but ${odd} of its characters are private-use, noncharacters or beyond U+1FFFF`;
  }

  const c = census(bytes);
  const high = c.high;

  // 3. MARC-8 escape sequences
  let escapeNote = '';
  if (escapes.valid > 0) {
    const problems = decodeMarc8(bytes, 0, n).problems.length;
    const sets = [...escapes.sets].filter((s) => s !== 'Basic Latin (ASCII)' && s !== 'Extended Latin (ANSEL)');
    const what = `${escapes.valid} MARC-8 escape sequence(s)${sets.length > 0 ? ` (${sets.join(', ')})` : ''}`;
    // a 7-bit record with designations can only be MARC-8, however damaged
    if (high === 0 || problems <= Math.max(2, (high + escapes.valid) / 10)) {
      const disagree = leader09 === 'a' ? `; ${describeLeader(leader09)} disagrees` : leaderNote;
      const clean = problems === 0 && leader09 !== 'a';
      return {
        charset: 'marc8',
        confidence: clean ? 'certain' : 'likely',
        reason: `${what} and the bytes decode as MARC-8${problems > 0 ? ` with ${problems} problem(s)` : ' cleanly'}${disagree}`,
      };
    }
    escapeNote = `; ${what} found, but MARC-8 decoding fails at ${problems} place(s)`;
  }

  // 4. damaged UTF-8
  if (!utfDoubt && couldBeUtf8(c.counts)) {
    const utf = scanUtf8(bytes, 0, n);
    if (utf.sequences > 0 && utf.invalid * 4 <= utf.sequences) {
      return {
        charset: 'utf-8',
        confidence: 'likely',
        reason: `mostly UTF-8: ${utf.sequences} valid multi-byte character(s) and ${utf.invalid} invalid sequence(s), which decoding will report${leaderNote}`,
      };
    }
  }

  // 5. score the readings
  const toks = c.tokens;
  const lead = utfDoubt || 'not valid UTF-8';

  // fast path: the file's charset reads this record without anything suspicious
  if (prior && prior !== 'utf-8' && prior !== 'marc8') {
    const s = scoreSingleByte(bytes, toks, profile(prior));
    // nothing another table would read better, and at most a few odd words (typos such as a Latin "a" in a Cyrillic word)
    if (s.rare === 0 && s.wordPenalties <= Math.max(5, high * 0.05) && s.total / high >= 1.5) {
      return {
        charset: prior,
        confidence: 'likely',
        reason: `${lead}; reads cleanly as ${prior}, the charset of earlier records (score ${fmt(s.total / high)} per non-ASCII byte)${escapeNote}`,
      };
    }
  }

  const scores = new Map<CharsetName, number>();
  for (const cs of SINGLE_ORDER) {
    const sc = scoreSingleByte(bytes, toks, profile(cs));
    let total = sc.total;
    // rk1048/pt154 must show Kazakh letters to beat cp1251 (see kazakhEvidence): otherwise their
    // differences from cp1251 are Ukrainian/Belarusian letters (є ї ў ґ), signs (± µ) or noise read
    // as Kazakh letters. 3 a byte outweighs any one letter's gain over a sign cp1251 reads there
    // (ұ for ±: 1.17 against -1).
    if ((cs === 'rk1048' || cs === 'pt154') && sc.kazakh === 0) total -= 3 * differingBytes(c.counts, cs, 'cp1251');
    scores.set(cs, total / high);
  }
  let ansel = scoreAnsel(bytes, escapes.valid > 0) / high;
  if (escapes.valid > 0) ansel += 1;
  if (leader09 === ' ') ansel += 0.5;
  else if (leader09 === 'a') ansel -= 0.5;
  scores.set('marc8', ansel);

  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [bestName, bestScore] = ranked[0] as [CharsetName, number];
  if (utfDoubt && bestScore < 1.5) {
    return {
      charset: 'utf-8',
      confidence: 'likely',
      reason: `${utfDoubt}; no legacy reading is more plausible (best: ${bestName} ${fmt(bestScore)} per non-ASCII byte)${leaderNote}`,
    };
  }

  // tie group: single-byte readings identical to the best one on the bytes present
  let group: CharsetName[] = [bestName];
  if (bestName !== 'marc8') {
    group = SINGLE_ORDER.filter((cs) => cs === bestName || differingBytes(c.counts, cs, bestName as SingleByteCharset) === 0);
  }
  const chosen: CharsetName = prior !== undefined && group.includes(prior) ? prior : (group[0] ?? bestName);
  const others = ranked.filter(([cs]) => !group.includes(cs));
  const [secondName, secondScore] = others[0] ?? ['latin1', -Infinity];
  const margin = bestScore - secondScore;

  // prior breaks near-ties on short or ambiguous records (differences compared in total, not per byte)
  const priorScore = prior !== undefined ? scores.get(prior) : undefined;
  if (prior && priorScore !== undefined && !group.includes(prior) && (bestScore - priorScore) * high <= 3) {
    return {
      charset: prior,
      confidence: 'guess',
      reason: `${lead}; ${bestName} and ${prior} score close (${fmt(bestScore)} vs ${fmt(priorScore)} per non-ASCII byte on ${high} byte(s)); kept ${prior}, the charset of earlier records${escapeNote}`,
    };
  }

  let confidence: Detection['confidence'] = margin * high >= 6 && bestScore > 0.5 ? 'likely' : 'guess';
  const what =
    chosen === 'marc8'
      ? `reads as MARC-8 (ANSEL diacritics before letters${escapes.valid > 0 ? '' : ', no escape sequences'})`
      : chosen === 'latin1'
        ? 'reads as Western (Latin-1) text and no Cyrillic reading is plausible'
        : 'reads as the most plausible Russian/Kazakh text';
  const groupNote = group.length > 1 ? `; ${group.filter((g) => g !== chosen).join(' and ')} would decode these bytes identically` : '';
  let reason = `${lead}; ${chosen} ${what} (score ${fmt(bestScore)} per non-ASCII byte vs ${secondName} ${fmt(secondScore)})${groupNote}`;
  if (bestScore <= 0) reason += '; no reading looks like natural text';
  if (group.length > 1 && prior !== undefined && group.includes(prior)) reason += `; chose ${prior}, the charset of earlier records`;
  if (leader09 === 'a') reason += `; ${describeLeader(leader09)} is wrong`;
  if (chosen === 'marc8' && leader09 !== ' ' && leader09 !== undefined) confidence = 'guess';
  reason += escapeNote;
  const detection: Detection = { charset: chosen, confidence, reason };
  if (others.length > 0) detection.runnerUp = secondName;
  return detection;
}
