import { editDistance, similarity, typingDistance, typingSimilarity } from '@kitap/text';
import type { Weights } from './config.js';
import type { RecordFeatures } from './features.js';

/** One reason in a decision: the feature, the points it gave, and what was compared. */
export interface Reason {
  feature: string;
  points: number;
  detail: string;
}

/** A rule that separates two records whatever their score. */
export interface Veto {
  veto: string;
  detail: string;
}

export interface PairScore {
  score: number;
  reasons: Reason[];
  vetoes: Veto[];
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** The features scoring reads (what a record's features hold but the display). */
export type ComparedFeatures = Omit<RecordFeatures, 'display'>;

/**
 * Scores a candidate pair: weighted features (identifiers, title similarity,
 * authors, year, publisher, pages, language) and hard vetoes that always win
 * (record type or level, ISSNs, volume numbering, edition, year, a component
 * part against a whole, MARC21 against UNIMARC). Every point and veto comes with its explanation.
 */
export function scorePair(a: ComparedFeatures, b: ComparedFeatures, w: Weights, explain = true): PairScore {
  const reasons: Reason[] = [];
  const vetoes: Veto[] = [];
  vetoesOf(a, b, vetoes);
  // Without `explain` only the points are summed: most candidate pairs are distinct, and their
  // explanations (strings) are never read.
  const raw = points(a, b, w, explain ? reasons : undefined, false);
  return { score: clampAndRound(raw), reasons, vetoes };
}

/** A ceiling of a pair's score, and whether a veto separates the pair. */
export interface ScoreCeiling {
  score: number;
  vetoed: boolean;
}

/**
 * A ceiling of a pair's score, cheap to work out: every feature as
 * `scorePair` scores it, but the title given all its points without comparing
 * titles (the costly part). The score is never above the ceiling — the same
 * points are added in the same order, and floating-point sums only grow with
 * a term — so a pair whose ceiling is below a threshold is below it too.
 */
export function scoreCeiling(a: ComparedFeatures, b: ComparedFeatures, w: Weights): ScoreCeiling {
  return { score: clampAndRound(points(a, b, w, undefined, true)), vetoed: vetoesOf(a, b, undefined) };
}

/** Whether a veto separates the two records (what `scorePair` would list in `vetoes`, without the words). */
export function hasVeto(a: ComparedFeatures, b: ComparedFeatures): boolean {
  return vetoesOf(a, b, undefined);
}

const clampAndRound = (raw: number): number => round(Math.max(0, Math.min(1, raw)));

/** A feature's points and what was compared, when it gave any. */
function note(notes: Reason[], feature: string, points: number, detail: string): void {
  if (points !== 0) notes.push({ feature, points: round(points), detail });
}

/** The most similar two strings can be given their lengths (an edit changes the length by one at most): never below their similarity. */
function lengthCeiling(s: string, t: string): number {
  const longest = Math.max(s.length, t.length);
  return s === t || longest === 0 ? 1 : 1 - Math.abs(s.length - t.length) / longest;
}

/** The position in `a` of its first value that `b` holds too, or −1. */
function firstShared(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (b.includes(a[i]!)) return i;
  return -1;
}

/** Whether a veto applies; each one is described in `out` when it is given (else the first one found answers). */
function vetoesOf(a: ComparedFeatures, b: ComparedFeatures, out: Veto[] | undefined): boolean {
  // MARC21 and UNIMARC give one tag different meanings: merged field by field, the survivor would be corrupt.
  if (a.flavour !== b.flavour) {
    if (!out) return true;
    out.push({ veto: 'flavour', detail: `a ${a.flavour === 'unimarc' ? 'UNIMARC/RUSMARC' : 'MARC21'} record against a ${b.flavour === 'unimarc' ? 'UNIMARC/RUSMARC' : 'MARC21'} one` });
  }
  if (a.type !== b.type) {
    if (!out) return true;
    out.push({ veto: 'record-type', detail: `leader/06 "${a.type}" vs "${b.type}"` });
  }
  if (a.level !== b.level) {
    if (!out) return true;
    out.push({ veto: 'bibliographic-level', detail: `leader/07 "${a.level}" vs "${b.level}"` });
  }
  if (a.componentPart !== b.componentPart) {
    if (!out) return true;
    out.push({ veto: 'component-part', detail: 'an article (component part) against a whole publication' });
  }
  if (a.issns.length && b.issns.length && firstShared(a.issns, b.issns) < 0) {
    if (!out) return true;
    out.push({ veto: 'issn', detail: `ISSN ${a.issns.join(', ')} vs ${b.issns.join(', ')}` });
  }
  // A part of a set (245 $n $p / 200 $h $i) is never the set or another part, even when one side names no part.
  if ((a.volume ?? '') !== (b.volume ?? '')) {
    if (!out) return true;
    out.push({ veto: 'volume', detail: `volume/part "${a.volume ?? ''}" vs "${b.volume ?? ''}"` });
  }
  // Series numbering separates only when both sides have it: a duplicate typed without its series field is still a duplicate.
  if (a.seriesNumber !== undefined && b.seriesNumber !== undefined && a.seriesNumber !== b.seriesNumber) {
    if (!out) return true;
    out.push({ veto: 'series-number', detail: `number in series "${a.seriesNumber}" vs "${b.seriesNumber}"` });
  }
  if (a.editionNumber !== undefined && b.editionNumber !== undefined && a.editionNumber !== b.editionNumber) {
    if (!out) return true;
    out.push({ veto: 'edition', detail: `edition "${a.edition}" vs "${b.edition}"` });
  } else if (a.edition !== undefined && b.edition !== undefined && a.editionNumber === undefined && b.editionNumber === undefined && similarity(a.edition, b.edition, editDistance) < 0.8) {
    if (!out) return true;
    out.push({ veto: 'edition', detail: `edition "${a.edition}" vs "${b.edition}"` });
  }
  if (a.year !== undefined && b.year !== undefined && a.year !== b.year) {
    if (!out) return true;
    out.push({ veto: 'year', detail: `year ${a.year} vs ${b.year}` });
  }
  return out !== undefined && out.length > 0;
}

/**
 * The points of a pair, summed feature by feature in a fixed order; each
 * feature that gives points is described in `notes` when it is given. With
 * `titleCeiling` the title gets all its points without being compared.
 */
function points(a: ComparedFeatures, b: ComparedFeatures, w: Weights, notes: Reason[] | undefined, titleCeiling: boolean): number {
  let raw = 0;

  const isbn = firstShared(a.isbns, b.isbns);
  const sharedIsbn = isbn >= 0 ? a.isbns[isbn] : undefined;
  if (sharedIsbn) {
    raw += w.isbnShared;
    if (notes) note(notes, 'isbn', w.isbnShared, `same ISBN ${sharedIsbn}`);
  } else if (a.isbns.length && b.isbns.length) {
    raw += w.isbnConflict;
    if (notes) note(notes, 'isbn', w.isbnConflict, `different ISBNs ${a.isbns.join(', ')} / ${b.isbns.join(', ')}`);
  }

  const control = firstShared(a.controlNumbers, b.controlNumbers);
  const sharedControl = control >= 0 ? a.controlNumbers[control] : undefined;
  if (sharedControl) {
    raw += w.controlNumberShared;
    if (notes) note(notes, 'control-number', w.controlNumberShared, `control number ${sharedControl} in both (001/035)`);
  }

  if (a.fullTitle && b.fullTitle) {
    if (titleCeiling) raw += Math.max(0, w.title);
    else {
      // Damerau distance: two swapped letters are one typing slip, not two. The main title counts when it is
      // more alike than the whole; when its lengths alone say it cannot be, it is not compared.
      const full = typingSimilarity(a.fullTitle, b.fullTitle, editDistance, typingDistance, w.titleFloor);
      const sim = full === 1 || lengthCeiling(a.title, b.title) <= full ? full : Math.max(full, typingSimilarity(a.title, b.title, editDistance, typingDistance, w.titleFloor));
      const points = w.title * Math.max(0, Math.min(1, (sim - w.titleFloor) / (1 - w.titleFloor)));
      raw += points;
      if (notes) {
        note(notes, 'title', points, `title similarity ${sim.toFixed(2)}: "${a.fullTitle}" / "${b.fullTitle}"`);
        if (points === 0) notes.push({ feature: 'title', points: 0, detail: `titles differ (similarity ${sim.toFixed(2)})` });
      }
    }
  }

  const authorA = a.authors[0];
  const authorB = b.authors[0];
  if (authorA && authorB) {
    const same = authorA === authorB || similarity(authorA, authorB, editDistance) >= 0.85 || a.authors.includes(authorB) || b.authors.includes(authorA);
    raw += same ? w.authorSame : w.authorDifferent;
    if (notes) note(notes, 'author', same ? w.authorSame : w.authorDifferent, (same ? `same first author (${authorA})` : `different authors (${authorA} / ${authorB})`));
  }

  if (a.year !== undefined && a.year === b.year) {
    raw += w.yearSame;
    if (notes) note(notes, 'year', w.yearSame, `same year ${a.year}`);
  }

  if (a.publisher && b.publisher) {
    const close = similarity(a.publisher, b.publisher, editDistance) >= 0.8;
    raw += close ? w.publisherSame : w.publisherDifferent;
    if (notes) note(notes, 'publisher', close ? w.publisherSame : w.publisherDifferent, `publisher "${a.publisher}" / "${b.publisher}"`);
  }

  if (a.pages !== undefined && b.pages !== undefined) {
    const close = Math.abs(a.pages - b.pages) <= w.pagesTolerance;
    raw += close ? w.pagesClose : w.pagesFar;
    if (notes) note(notes, 'pages', close ? w.pagesClose : w.pagesFar, `${a.pages} / ${b.pages} pages`);
  }

  if (a.language && b.language && a.language !== b.language) {
    raw += w.languageDifferent;
    if (notes) note(notes, 'language', w.languageDifferent, `language ${a.language} / ${b.language}`);
  }
  return raw;
}
