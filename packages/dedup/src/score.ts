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

/**
 * Scores a candidate pair: weighted features (identifiers, title similarity,
 * authors, year, publisher, pages, language) and hard vetoes that always win
 * (record type or level, ISSNs, volume numbering, edition, year, a component
 * part against a whole). Every point and veto comes with its explanation.
 */
export function scorePair(a: RecordFeatures, b: RecordFeatures, w: Weights, explain = true): PairScore {
  const reasons: Reason[] = [];
  const vetoes: Veto[] = [];
  let raw = 0;
  // Without `explain` only the points are summed: most candidate pairs are distinct, and their
  // explanations (strings) are never read.
  const add = (feature: string, points: number, detail: () => string): void => {
    raw += points;
    if (explain && points !== 0) reasons.push({ feature, points: round(points), detail: detail() });
  };

  if (a.type !== b.type) vetoes.push({ veto: 'record-type', detail: `leader/06 "${a.type}" vs "${b.type}"` });
  if (a.level !== b.level) vetoes.push({ veto: 'bibliographic-level', detail: `leader/07 "${a.level}" vs "${b.level}"` });
  if (a.componentPart !== b.componentPart) vetoes.push({ veto: 'component-part', detail: 'an article (component part) against a whole publication' });
  if (a.issns.length && b.issns.length && !a.issns.some((x) => b.issns.includes(x))) vetoes.push({ veto: 'issn', detail: `ISSN ${a.issns.join(', ')} vs ${b.issns.join(', ')}` });
  // A part of a set (245 $n $p / 200 $h $i) is never the set or another part, even when one side names no part.
  if ((a.volume ?? '') !== (b.volume ?? '')) vetoes.push({ veto: 'volume', detail: `volume/part "${a.volume ?? ''}" vs "${b.volume ?? ''}"` });
  // Series numbering separates only when both sides have it: a duplicate typed without its series field is still a duplicate.
  if (a.seriesNumber !== undefined && b.seriesNumber !== undefined && a.seriesNumber !== b.seriesNumber) {
    vetoes.push({ veto: 'series-number', detail: `number in series "${a.seriesNumber}" vs "${b.seriesNumber}"` });
  }
  if (a.editionNumber !== undefined && b.editionNumber !== undefined && a.editionNumber !== b.editionNumber) {
    vetoes.push({ veto: 'edition', detail: `edition "${a.edition}" vs "${b.edition}"` });
  } else if (a.edition !== undefined && b.edition !== undefined && a.editionNumber === undefined && b.editionNumber === undefined && similarity(a.edition, b.edition, editDistance) < 0.8) {
    vetoes.push({ veto: 'edition', detail: `edition "${a.edition}" vs "${b.edition}"` });
  }
  if (a.year !== undefined && b.year !== undefined && a.year !== b.year) vetoes.push({ veto: 'year', detail: `year ${a.year} vs ${b.year}` });

  const sharedIsbn = a.isbns.find((x) => b.isbns.includes(x));
  if (sharedIsbn) add('isbn', w.isbnShared, () => `same ISBN ${sharedIsbn}`);
  else if (a.isbns.length && b.isbns.length) add('isbn', w.isbnConflict, () => `different ISBNs ${a.isbns.join(', ')} / ${b.isbns.join(', ')}`);

  const sharedControl = a.controlNumbers.find((x) => b.controlNumbers.includes(x));
  if (sharedControl) add('control-number', w.controlNumberShared, () => `control number ${sharedControl} in both (001/035)`);

  if (a.fullTitle && b.fullTitle) {
    // Damerau distance: two swapped letters are one typing slip, not two.
    const sim = Math.max(
      typingSimilarity(a.fullTitle, b.fullTitle, editDistance, typingDistance, w.titleFloor),
      typingSimilarity(a.title, b.title, editDistance, typingDistance, w.titleFloor),
    );
    const points = w.title * Math.max(0, Math.min(1, (sim - w.titleFloor) / (1 - w.titleFloor)));
    add('title', points, () => `title similarity ${sim.toFixed(2)}: "${a.fullTitle}" / "${b.fullTitle}"`);
    if (explain && points === 0) reasons.push({ feature: 'title', points: 0, detail: `titles differ (similarity ${sim.toFixed(2)})` });
  }

  const [authorA] = a.authors;
  const [authorB] = b.authors;
  if (authorA && authorB) {
    const same = authorA === authorB || similarity(authorA, authorB, editDistance) >= 0.85 || a.authors.includes(authorB) || b.authors.includes(authorA);
    add('author', same ? w.authorSame : w.authorDifferent, () => same ? `same first author (${authorA})` : `different authors (${authorA} / ${authorB})`);
  }

  if (a.year !== undefined && a.year === b.year) add('year', w.yearSame, () => `same year ${a.year}`);

  if (a.publisher && b.publisher) {
    const sim = similarity(a.publisher, b.publisher, editDistance);
    add('publisher', sim >= 0.8 ? w.publisherSame : w.publisherDifferent, () => `publisher "${a.publisher}" / "${b.publisher}"`);
  }

  if (a.pages !== undefined && b.pages !== undefined) {
    const close = Math.abs(a.pages - b.pages) <= w.pagesTolerance;
    add('pages', close ? w.pagesClose : w.pagesFar, () => `${a.pages} / ${b.pages} pages`);
  }

  if (a.language && b.language && a.language !== b.language) add('language', w.languageDifferent, () => `language ${a.language} / ${b.language}`);

  return { score: round(Math.max(0, Math.min(1, raw))), reasons, vetoes };
}
