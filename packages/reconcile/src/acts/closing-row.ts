/**
 * The closing row of an act's table: «Итого», «Всего» (Kazakh «Барлығы»,
 * «Жиыны») as a word of its own, followed by nothing, a colon or full stop,
 * a number or «по …» («Итого по акту: 12 экз.»). A title that merely begins
 * with such letters («Итоговая аттестация», «Всего понемногу») is a book,
 * not a total: taking it for one would end the table there and drop every
 * line after it.
 */
export const CLOSING_LABEL = /^\s*(?:итого|всего|барлығы|жиыны)(?![\p{L}\p{N}])\s*(?:$|[:.]|\d|по\s)/iu;

/** A cell that holds the label and nothing else («Итого:»). */
export const BARE_CLOSING_LABEL = /^\s*(?:итого|всего|барлығы|жиыны)\s*[:.]?\s*$/iu;
