/**
 * Write-off reasons as acts word them. `parseWriteOffReason` of
 * @kitap/holdings reads the usual words; acts and the annual report add a
 * few of their own: «устарелость» (the report's row «устарелость по
 * содержанию») is outdated, «дефектность» is physical wear.
 */
import { parseWriteOffReason, type WriteOffReason } from '@kitap/holdings';
import { foldForMatch, foldScripts } from '@kitap/text';
import { cachedByText } from './text-cache.js';

// Checked on the folded text after parseWriteOffReason found nothing.
const ACT_STEMS: readonly (readonly [WriteOffReason, RegExp])[] = [
  ['outdated', /(?:^|\s)(?:по\s+)?устарелост/],
  ['worn', /дефектн/],
];

// Wording around the reason in a form: "по причине: ветхость", "причина — ветхость", "списание по ветхости".
const LEAD_WORDS = /^(?:(?:подлежат\s+)?(?:исключению|списанию)\s+)?(?:по\s+причине|причина(?:\s+списания|\s+выбытия)?|в\s+связи\s+с)\s*[:\-—–]?\s*/iu;

/**
 * The reason of a write-off from an act's wording: the English codes,
 * everything `parseWriteOffReason` reads, and «устарелость» (outdated),
 * «дефектность» (worn), with the form's lead-in («по причине:») allowed.
 * Undefined when nothing matches.
 */
export const parseActReason: (text: string) => WriteOffReason | undefined = cachedByText((text: string): WriteOffReason | undefined => {
  const s = text.trim().replace(LEAD_WORDS, '').replace(/[.;]+$/u, '').trim();
  if (s === '') return undefined;
  const known = parseWriteOffReason(s);
  if (known !== undefined) return known;
  const folded = foldScripts(foldForMatch(s));
  for (const [reason, stem] of ACT_STEMS) if (stem.test(folded)) return reason;
  return undefined;
});
