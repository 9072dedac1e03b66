import { areaWithin, checkArea, type AreaGeometry } from './grid-area';
import type { GridImportRow, ImportIssue } from './import';
import type { GridKind } from './organisation.types';

/** The areas a GeoJSON file of an import gives, keyed by grid code and by unit code. */
export interface AreaFile {
  grids: Map<string, { area: AreaGeometry; feature: number }>;
  units: Map<string, { area: AreaGeometry; feature: number }>;
}

/** Property names a feature may key its grid or unit by, as GIS exports write them. */
const GRID_KEYS = ['code', 'gridCode', 'grid', '网格编号', '网格代码'];
const UNIT_KEYS = ['unit', 'unitCode', '单位代码', '单位编号'];

const keyOf = (properties: Record<string, unknown>, keys: string[]): string | null => {
  for (const key of keys) {
    const value = properties[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
};

/**
 * G7: a GeoJSON FeatureCollection of the import: each feature an area keyed by its grid's code (`code`,
 * `网格编号`) or, for a unit's territory, by the unit's code (`unit`). Problems name the feature (row = its number
 * from 1) so the office can find it in its GIS.
 */
export function parseAreaFile(name: string, text: string): { file: AreaFile; issues: ImportIssue[] } {
  const file: AreaFile = { grids: new Map(), units: new Map() };
  const issues: ImportIssue[] = [];
  const problem = (row: number, field: string, message: string, messageEn: string) =>
    issues.push({ sheet: name, row, field, message, messageEn });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    problem(0, '文件', '无法读取该 GeoJSON 文件（不是有效的 JSON）', 'the GeoJSON file is not valid JSON');
    return { file, issues };
  }
  const features = (json as { type?: unknown; features?: unknown }).features;
  if ((json as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    problem(0, '文件', 'GeoJSON 文件须为 FeatureCollection', 'the GeoJSON file must be a FeatureCollection');
    return { file, issues };
  }
  features.forEach((feature: unknown, index) => {
    const row = index + 1;
    const properties = ((feature as { properties?: unknown }).properties ?? {}) as Record<string, unknown>;
    const gridCode = keyOf(properties, GRID_KEYS);
    const unitCode = gridCode ? null : keyOf(properties, UNIT_KEYS);
    if (!gridCode && !unitCode) {
      problem(
        row,
        'properties.code',
        '要素须有网格编号（code）或单位代码（unit）',
        'a feature needs properties.code (grid) or properties.unit',
      );
      return;
    }
    const checked = checkArea((feature as { geometry?: unknown }).geometry, 'geometry');
    if (checked.problem) {
      problem(row, 'geometry', checked.problem.message, checked.problem.messageEn);
      return;
    }
    const target = gridCode ? file.grids : file.units;
    const key = (gridCode ?? unitCode)!;
    const earlier = target.get(key);
    if (earlier) {
      problem(
        row,
        gridCode ? 'properties.code' : 'properties.unit',
        `“${key}”与第${earlier.feature}个要素重复`,
        `"${key}" repeats feature ${earlier.feature}`,
      );
      return;
    }
    target.set(key, { area: checked.area, feature: row });
  });
  return { file, issues };
}

/** A grid as the nesting check reads it: from the import's rows or the database. */
export interface NestingGrid {
  code: string;
  unitCode: string;
  kind: GridKind;
  parentGridCode: string | null;
  area: AreaGeometry | null;
}

/**
 * G7: every grid's area lies inside its parent's: a 分片's inside its village grid's, any other grid's inside
 * its unit's territory when the unit has one. Returns the grids that do not, with the parent they leave.
 */
export function nestingBreaches(
  grids: readonly NestingGrid[],
  unitAreas: ReadonlyMap<string, AreaGeometry>,
): Array<{ grid: string; parent: string }> {
  const byCode = new Map(grids.map((g) => [g.code, g]));
  const breaches: Array<{ grid: string; parent: string }> = [];
  for (const grid of grids) {
    if (!grid.area) continue;
    const parentGrid = grid.parentGridCode ? byCode.get(grid.parentGridCode) : undefined;
    const [parent, parentArea] = parentGrid
      ? [parentGrid.code, parentGrid.area]
      : [grid.unitCode, unitAreas.get(grid.unitCode) ?? null];
    if (parentArea && !areaWithin(grid.area, parentArea)) breaches.push({ grid: grid.code, parent });
  }
  return breaches;
}

/**
 * Gives the import's grid rows the areas of its GeoJSON file. A grid with an area in both the sheet and the
 * file, or a feature naming a grid that is neither in the file nor in the database, is a problem.
 */
export function applyAreaFile(
  name: string,
  file: AreaFile,
  rows: GridImportRow[],
  known: { grids: ReadonlySet<string>; units: ReadonlySet<string> },
): { gridAreas: Map<string, AreaGeometry>; unitAreas: Map<string, AreaGeometry>; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const gridAreas = new Map<string, AreaGeometry>();
  const rowsByCode = new Map(rows.map((r) => [r.code, r]));
  for (const [code, { area, feature }] of file.grids) {
    const row = rowsByCode.get(code);
    if (!row && !known.grids.has(code)) {
      issues.push({
        sheet: name,
        row: feature,
        field: 'properties.code',
        message: `网格“${code}”不存在`,
        messageEn: `unknown grid "${code}"`,
      });
      continue;
    }
    if (row?.boundary) {
      issues.push({
        sheet: name,
        row: feature,
        field: 'properties.code',
        message: `网格“${code}”的区域已在${row.sheet}第${row.row}行填写`,
        messageEn: `grid "${code}" already has an area in ${row.sheet} row ${row.row}`,
      });
      continue;
    }
    gridAreas.set(code, area);
  }
  const unitAreas = new Map<string, AreaGeometry>();
  for (const [code, { area, feature }] of file.units) {
    if (!known.units.has(code))
      issues.push({
        sheet: name,
        row: feature,
        field: 'properties.unit',
        message: `单位“${code}”不存在`,
        messageEn: `unknown unit "${code}"`,
      });
    else unitAreas.set(code, area);
  }
  for (const row of rows) if (row.boundary) gridAreas.set(row.code, row.boundary);
  return { gridAreas, unitAreas, issues };
}
