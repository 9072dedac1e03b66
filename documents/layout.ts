/**
 * The layout decisions of printed documents, apart from drawing: page geometry for filing, orientation, column
 * widths, where tables break across pages, how the meta block pairs up, sheet names. Pure, so each decision is
 * unit-tested without rendering anything.
 */
import type { PrintableDocument, PrintableSection, PrintableTable } from '../domain/documents/printable';

/** Points per millimetre (PDF units are 1/72 inch). */
export const MM = 72 / 25.4;

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

export type Orientation = 'portrait' | 'landscape';

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PageGeometry {
  orientation: Orientation;
  width: number;
  height: number;
  margins: Margins;
  /** Width between the margins. */
  contentWidth: number;
  /** Height between the margins: what the body may fill. */
  contentHeight: number;
}

/**
 * Filing margins: a wider binding edge on the left (28 mm, as official documents leave for 装订), 20 mm on the
 * right, 25 mm top and bottom; the footer and page numbers sit inside the bottom margin.
 */
export const FILING_MARGINS: Margins = { top: 25 * MM, bottom: 25 * MM, left: 28 * MM, right: 20 * MM };

export function pageGeometry(orientation: Orientation, margins: Margins = FILING_MARGINS): PageGeometry {
  const [width, height] = orientation === 'portrait' ? [A4.width, A4.height] : [A4.height, A4.width];
  return {
    orientation,
    width,
    height,
    margins,
    contentWidth: width - margins.left - margins.right,
    contentHeight: height - margins.top - margins.bottom,
  };
}

/** Tables wider than this many columns do not fit a portrait page legibly. */
export const PORTRAIT_MAX_COLUMNS = 8;

/** Landscape when any table has more columns than a portrait page holds legibly (a ledger has 16). */
export function chooseOrientation(doc: PrintableDocument): Orientation {
  return doc.sections.some((section) => (section.table?.columns.length ?? 0) > PORTRAIT_MAX_COLUMNS)
    ? 'landscape'
    : 'portrait';
}

/** Table text size: smaller as columns get more, never below 7.5 pt so a printed ledger stays readable. */
export function tableFontSize(columnCount: number): number {
  if (columnCount <= 5) return 10;
  if (columnCount <= 8) return 9;
  if (columnCount <= 12) return 8.5;
  return 7.5;
}

/**
 * Absolute column widths filling `available`: the table's relative widths (equal when absent or of the wrong
 * length), then every column raised to its floor (room for its longest unbreakable word, such as a date or an
 * issue code, or two Chinese characters) at the expense of the wider ones. When the floors alone exceed the
 * page they shrink in proportion.
 */
export function columnWidths(
  table: PrintableTable,
  available: number,
  floors: number | readonly number[] = 26,
): number[] {
  const count = table.columns.length;
  if (count === 0) return [];
  const relative =
    table.widths && table.widths.length === count && table.widths.every((w) => Number.isFinite(w) && w > 0)
      ? table.widths
      : table.columns.map(() => 1);
  let floor = table.columns.map((_, i) => (typeof floors === 'number' ? floors : (floors[i] ?? 0)));
  const floorSum = floor.reduce((a, b) => a + b, 0);
  if (floorSum > available) floor = floor.map((f) => (f / floorSum) * available);
  const total = relative.reduce((a, b) => a + b, 0);
  let widths = relative.map((w) => (w / total) * available);
  // Pin the narrow columns at their floor and share what is left among the others, until none is below it.
  const pinned = new Set<number>();
  for (;;) {
    const narrow = widths.map((_, i) => i).filter((i) => !pinned.has(i) && widths[i] < floor[i] - 1e-9);
    if (narrow.length === 0) break;
    narrow.forEach((i) => pinned.add(i));
    const free = available - [...pinned].reduce((sum, i) => sum + floor[i], 0);
    const freeRelative = relative.reduce((sum, w, i) => (pinned.has(i) ? sum : sum + w), 0);
    widths = relative.map((w, i) =>
      pinned.has(i) ? floor[i] : freeRelative > 0 ? (w / freeRelative) * free : 0,
    );
  }
  return widths;
}

/** The runs a line never breaks inside: Latin letters, digits and their punctuation (dates, codes, times). */
export function unbreakableWords(text: string): string[] {
  return text.match(/[A-Za-z0-9][A-Za-z0-9\-_.:/@+]*/g) ?? [];
}

/**
 * Which rows go on which page: rows are never split, the first page has `firstSpace` left below what came
 * before, later pages `fullSpace`; every page repeats the header (`headerHeight`). An empty first group means
 * the table starts on a new page. A row taller than a whole page gets a page of its own (it is clipped when drawn).
 */
export function paginateRows(
  rowHeights: readonly number[],
  headerHeight: number,
  firstSpace: number,
  fullSpace: number,
): number[][] {
  const pages: number[][] = [[]];
  let space = firstSpace - headerHeight;
  // Not even the header and one row fit below: the whole table starts on the next page.
  if (rowHeights.length > 0 && space < Math.min(rowHeights[0], fullSpace - headerHeight)) {
    pages.push([]);
    space = fullSpace - headerHeight;
  }
  rowHeights.forEach((height, index) => {
    const current = pages[pages.length - 1];
    if (height > space && current.length > 0) {
      pages.push([index]);
      space = fullSpace - headerHeight - height;
    } else {
      current.push(index);
      space -= height;
    }
  });
  return pages;
}

/** The page number line of every page. */
export function pageLabel(page: number, pages: number): string {
  return `第 ${page} 页 / 共 ${pages} 页`;
}

/** Width of a text in Chinese character cells: CJK and full-width forms count 2, the rest 1. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  return width;
}

/**
 * The meta block in two columns: consecutive short pairs share a line; a pair whose label and value are too
 * long for half a line (in character cells) gets a line of its own.
 */
export function metaLines(
  meta: ReadonlyArray<readonly [string, string]>,
  halfLineCells: number,
): Array<Array<readonly [string, string]>> {
  const lines: Array<Array<readonly [string, string]>> = [];
  let pending: readonly [string, string] | null = null;
  for (const pair of meta) {
    const short = displayWidth(`${pair[0]}：${pair[1]}`) <= halfLineCells;
    if (!short) {
      if (pending) lines.push([pending]);
      pending = null;
      lines.push([pair]);
    } else if (pending) {
      lines.push([pending, pair]);
      pending = null;
    } else {
      pending = pair;
    }
  }
  if (pending) lines.push([pending]);
  return lines;
}

/** How a cell prints: null as empty, numbers as written. */
export function cellText(value: string | number | null): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Shanghai wall-clock `YYYY-MM-DD HH:mm` (or a date alone) as an instant; null when it is not one. */
export function parseShanghai(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  return new Date(Date.UTC(year, month - 1, day, hour - 8, minute));
}

const DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** A date as printed in Beijing time, YYYY-MM-DD. */
export function printedDate(value: Date | string): string {
  return DATE.format(new Date(value));
}

export function printedDateTime(value: string | null): string {
  return value ? DATE_TIME.format(new Date(value)) : '';
}

/**
 * The date a document states for itself: its approval (the seal), so the same approved document renders to the
 * same bytes. Null when it has no seal with a readable time.
 */
export function documentDate(doc: PrintableDocument): Date | null {
  return doc.seal ? parseShanghai(doc.seal.approvedAt) : null;
}

/** The creation date written when a document states none: fixed, so output stays reproducible. */
export const UNDATED = new Date(Date.UTC(2000, 0, 1, -8, 0));

/** The 说明 sheet: title, meta, paragraphs and the seal. */
export const NOTES_SHEET = '说明';

const SHEET_FORBIDDEN = /[\\/?*[\]:]/g;

/**
 * Names of the sheets of the table sections, in order: the heading without the characters Excel forbids,
 * at most 31 characters, unique (case-insensitive, and never 说明) by a numeric suffix.
 */
export function sheetNames(sections: readonly PrintableSection[]): string[] {
  const taken = new Set<string>([NOTES_SHEET.toLowerCase()]);
  const names: string[] = [];
  sections.forEach((section, index) => {
    if (!section.table) return;
    const base =
      [
        ...section.heading
          .replace(SHEET_FORBIDDEN, ' ')
          .replace(/^'+|'+$/g, '')
          .trim(),
      ]
        .slice(0, 31)
        .join('') || `表${index + 1}`;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
      const suffix = `(${n})`;
      name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    }
    taken.add(name.toLowerCase());
    names.push(name);
  });
  return names;
}

/**
 * Spreadsheet column widths in character cells: the relative widths scaled to about 12 cells a column when
 * given, the content otherwise; never narrower than the heading, never wider than 60.
 */
export function xlsxColumnWidths(table: PrintableTable): number[] {
  const count = table.columns.length;
  const relative = table.widths && table.widths.length === count ? table.widths : null;
  return table.columns.map((heading, i) => {
    const headingWidth = displayWidth(heading) + 2;
    let width: number;
    if (relative) {
      const total = relative.reduce((a, b) => a + b, 0) || 1;
      width = (relative[i] / total) * count * 12;
    } else {
      const longest = Math.max(0, ...table.rows.map((row) => displayWidth(cellText(row[i] ?? null))));
      width = Math.min(longest, 40) + 2;
    }
    return Math.round(Math.min(60, Math.max(headingWidth, width, 6)) * 10) / 10;
  });
}
