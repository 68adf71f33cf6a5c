/**
 * The kind of an act as a table's `act_type` column or a form's title writes
 * it: `write-off` (списание, исключение, выбытие, есептен шығару) or
 * `transfer` (передача, приема-передачи, қабылдау-беру).
 */
import { foldForMatch, foldScripts } from '@kitap/text';
import type { ActType } from './act.js';
import { cachedByText } from './text-cache.js';

// On the folded text (lower case, ё → е, Kazakh letters as their Russian look-alikes).
const TRANSFER = /^transfer|передач|перемещ|кабылдау|(?:^|\s)беру(?:\s|$)|(?:^|\s)берил/;
const WRITE_OFF = /^write ?off|списан|исключ|выбыт|есептен шыгар/;

/** The act type a text names, or undefined when it names none. */
export const parseActType: (text: string) => ActType | undefined = cachedByText((text: string): ActType | undefined => {
  const folded = foldScripts(foldForMatch(text));
  if (folded === '') return undefined;
  if (TRANSFER.test(folded)) return 'transfer';
  if (WRITE_OFF.test(folded)) return 'write-off';
  return undefined;
});
