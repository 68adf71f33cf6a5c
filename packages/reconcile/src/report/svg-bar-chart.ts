import { escapeHtml } from './escape-html.js';

/** One bar: a value and, optionally, the part of it drawn over it in the second colour (the Kazakh part). */
export interface ChartBar {
  /** A stable key, written as `data-key` (a reason, a group, a branch code). */
  key: string;
  label: string;
  value: number;
  /** At most `value`; drawn from the left over the bar. */
  part?: number;
  /** The text after the bar («1 346 экз. · 347 346,65 тг»). */
  note: string;
}

/** What the chart shows. */
export interface BarChart {
  /** The element id (fixed text: the page has no generated ids). */
  id: string;
  title: string;
  bars: readonly ChartBar[];
  /** The legend's names of the whole bar and of its part; no legend without `partLabel`. */
  valueLabel: string;
  partLabel?: string;
}

const ROW = 24;
const LABEL = 300;
/** Labels longer than this are cut with «…» (the bar's tooltip has the whole label). */
const LABEL_CHARS = 36;
const AREA = 420;
const NOTE = 210;
const TOP = 34;
const LEGEND = 22;
const COLOUR = '#3d6fa5';
const PART_COLOUR = '#e3a21a';

function shortLabel(label: string): string {
  const chars = [...label];
  return chars.length <= LABEL_CHARS ? label : `${chars.slice(0, LABEL_CHARS - 1).join('')}…`;
}

/** A number for an SVG attribute: at most one decimal, no exponent. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/**
 * A horizontal bar chart as inline SVG: no script, no external file, no
 * generated id, so the page stays self-contained and stable. One
 * `rect.bar` per bar (a zero bar has width 0 but is there), a `rect.bar-part`
 * over it for the part, the label left and the note right. Scales to the
 * page width (viewBox) and prints as vectors.
 */
export function svgBarChart(chart: BarChart): string {
  const max = Math.max(0, ...chart.bars.map((b) => b.value));
  const legend = chart.partLabel === undefined ? 0 : LEGEND;
  const width = LABEL + AREA + NOTE;
  const height = TOP + legend + chart.bars.length * ROW + 4;
  const e = escapeHtml;
  const scale = (v: number): number => (max === 0 ? 0 : (Math.max(0, v) / max) * AREA);
  const rows = chart.bars
    .map((b, i) => {
      const y = TOP + legend + i * ROW;
      const w = scale(b.value);
      const part = b.part === undefined ? '' : `<rect class="bar-part" x="${LABEL}" y="${y + 4}" width="${n(scale(Math.min(b.part, b.value)))}" height="16" fill="${PART_COLOUR}"><title>${e(`${b.label}: ${chart.partLabel ?? ''} ${b.part}`)}</title></rect>`;
      return (
        `<g class="bar-row" data-key="${e(b.key)}" data-value="${e(b.value)}">` +
        `<text x="${LABEL - 8}" y="${y + 16}" text-anchor="end">${e(shortLabel(b.label))}</text>` +
        `<rect class="bar" x="${LABEL}" y="${y + 4}" width="${n(w)}" height="16" fill="${COLOUR}"><title>${e(`${b.label}: ${b.note}`)}</title></rect>` +
        part +
        `<text class="note" x="${n(LABEL + w + 6)}" y="${y + 16}">${e(b.note)}</text>` +
        `</g>`
      );
    })
    .join('');
  const legendSvg =
    chart.partLabel === undefined
      ? ''
      : `<g class="legend"><rect x="${LABEL}" y="${TOP - 6}" width="12" height="12" fill="${COLOUR}"/><text x="${LABEL + 18}" y="${TOP + 4}">${e(chart.valueLabel)}</text>` +
        `<rect x="${LABEL + 200}" y="${TOP - 6}" width="12" height="12" fill="${PART_COLOUR}"/><text x="${LABEL + 218}" y="${TOP + 4}">${e(chart.partLabel)}</text></g>`;
  return (
    `<figure class="chart"><svg id="${e(chart.id)}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${e(chart.id)}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-size="13">` +
    `<title id="${e(chart.id)}-title">${e(chart.title)}</title>` +
    `<text class="chart-title" x="0" y="16" font-weight="bold">${e(chart.title)}</text>` +
    legendSvg +
    rows +
    `</svg></figure>`
  );
}
