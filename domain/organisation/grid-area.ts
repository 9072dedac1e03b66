import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { kinks } from '@turf/kinks';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { GeoPoint } from '../issue/issue.types';
import type { GridKind, OrganisationUnitKind } from './organisation.types';

/** 定区域 (G7): a grid's or a unit's area, a GeoJSON Polygon or MultiPolygon in WGS-84 (longitude, latitude). */
export type AreaGeometry = Polygon | MultiPolygon;

/** Why an area was refused: the field, a code, and the message in Chinese and English. */
export interface AreaProblem {
  field: string;
  code:
    | 'not-polygon'
    | 'bad-position'
    | 'ring-too-short'
    | 'ring-not-closed'
    | 'self-intersecting'
    | 'too-large'
    | 'outside-parent';
  message: string;
  messageEn: string;
}

/** Enough for a village's outline drawn by hand or exported from a GIS; more is refused, not slowly placed. */
export const MAX_AREA_POSITIONS = 20_000;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function badPosition(position: unknown): boolean {
  if (!Array.isArray(position) || position.length < 2 || position.length > 3) return true;
  const [lng, lat] = position as unknown[];
  return !isNumber(lng) || !isNumber(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90;
}

/** The polygons of an area, each a list of rings. */
function polygonsOf(area: AreaGeometry): Position[][][] {
  return area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
}

/**
 * G7: checks an area as it arrives (a geometry, or a Feature holding one) and returns it without its
 * Feature wrapper and without altitudes, or says what is wrong, naming `field`.
 */
export function checkArea(
  value: unknown,
  field: string,
): { area: AreaGeometry; problem?: undefined } | { area?: undefined; problem: AreaProblem } {
  const fail = (code: AreaProblem['code'], message: string, messageEn: string) => ({
    problem: { field, code, message, messageEn },
  });
  const geometry =
    value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'Feature'
      ? (value as { geometry?: unknown }).geometry
      : value;
  const type =
    geometry !== null && typeof geometry === 'object' ? (geometry as { type?: unknown }).type : undefined;
  const coordinates = (geometry as { coordinates?: unknown } | undefined)?.coordinates;
  if ((type !== 'Polygon' && type !== 'MultiPolygon') || !Array.isArray(coordinates))
    return fail(
      'not-polygon',
      '区域须为 GeoJSON Polygon 或 MultiPolygon（WGS-84 经纬度）',
      'the area must be a GeoJSON Polygon or MultiPolygon (WGS-84)',
    );
  const polygons = (type === 'Polygon' ? [coordinates] : coordinates) as unknown[];
  let count = 0;
  const cleaned: Position[][][] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0)
      return fail('not-polygon', '多边形至少要有一个环', 'every polygon needs at least one ring');
    const rings: Position[][] = [];
    for (const ring of polygon as unknown[]) {
      if (!Array.isArray(ring) || ring.length < 4)
        return fail(
          'ring-too-short',
          '每个环至少4个点（首尾相同）',
          'every ring needs at least 4 positions (first = last)',
        );
      count += ring.length;
      if (count > MAX_AREA_POSITIONS)
        return fail(
          'too-large',
          `区域不超过${MAX_AREA_POSITIONS}个点`,
          `at most ${MAX_AREA_POSITIONS} positions`,
        );
      if (ring.some(badPosition))
        return fail(
          'bad-position',
          '坐标须为 [经度, 纬度]，经度 -180～180，纬度 -90～90',
          'positions are [longitude, latitude] within -180..180 and -90..90',
        );
      const positions = (ring as number[][]).map(([lng, lat]) => [lng, lat]);
      const first = positions[0];
      const last = positions[positions.length - 1];
      if (first[0] !== last[0] || first[1] !== last[1])
        return fail(
          'ring-not-closed',
          '环未闭合：首点与末点须相同',
          'a ring is not closed: its first and last positions differ',
        );
      rings.push(positions);
    }
    cleaned.push(rings);
  }
  const area: AreaGeometry =
    type === 'Polygon'
      ? { type: 'Polygon', coordinates: cleaned[0] }
      : { type: 'MultiPolygon', coordinates: cleaned };
  const crossings = kinks(area).features;
  if (crossings.length > 0) {
    const [lng, lat] = crossings[0].geometry.coordinates;
    return fail(
      'self-intersecting',
      `区域边界自相交（约在 经度${lng.toFixed(5)} 纬度${lat.toFixed(5)}）`,
      `the boundary intersects itself (near ${lng.toFixed(5)}, ${lat.toFixed(5)})`,
    );
  }
  return { area };
}

/** Whether a point is in an area, its boundary included (a report on a border line is in both grids). */
export function areaContains(area: AreaGeometry, point: GeoPoint): boolean {
  return booleanPointInPolygon([point.lng, point.lat], area);
}

/**
 * G7: an area lies inside its parent's area when every corner of every outer ring does. Corners, not edges: a
 * hand-drawn village boundary shares the township's border, and the corners are what the office checks by eye.
 */
export function areaWithin(inner: AreaGeometry, outer: AreaGeometry): boolean {
  return polygonsOf(inner).every(([outerRing]) =>
    outerRing.every(([lng, lat]) => areaContains(outer, { lat, lng })),
  );
}

export function outsideParent(field: string, parent: string): AreaProblem {
  return {
    field,
    code: 'outside-parent',
    message: `区域超出上级“${parent}”的区域`,
    messageEn: `the area is not inside the area of ${parent}`,
  };
}

/** The unit kinds an issue can belong to territorially (属地): townships and the industrial park (G9). */
export const BASE_UNIT_KINDS: readonly OrganisationUnitKind[] = ['township', 'park'];

/** A grid as placement reads it: its area, and the base unit (乡镇 or 园区) it belongs to. */
export interface PlacementGrid {
  code: string;
  kind: GridKind;
  unitCode: string;
  /** The township or park the grid's area belongs to (a village unit's grid: its township). */
  baseUnitCode: string | null;
  area: AreaGeometry | null;
}

/** The base unit a unit's grids count for: a village's township, a township or the park itself. */
export function baseUnitOf(
  unitCode: string,
  units: ReadonlyMap<string, { kind: OrganisationUnitKind; parentCode: string | null }>,
): string | null {
  const unit = units.get(unitCode);
  if (!unit) return null;
  if (BASE_UNIT_KINDS.includes(unit.kind)) return unitCode;
  if (unit.kind === 'village' && unit.parentCode) {
    const parent = units.get(unit.parentCode);
    if (parent && BASE_UNIT_KINDS.includes(parent.kind)) return unit.parentCode;
  }
  return null;
}

/**
 * G7: the territorial grid a point lies in: a village grid of a township or a grid of the park, never a
 * department's sector grid (those overlap the territory) and never a 分片 (its village grid holds it). The first
 * by code when a point lies on the border of two.
 */
export function placePoint(point: GeoPoint, grids: readonly PlacementGrid[]): PlacementGrid | undefined {
  return [...grids]
    .filter((g) => g.area !== null && g.baseUnitCode !== null && g.kind !== 'sub_area')
    .sort((a, b) => a.code.localeCompare(b.code))
    .find((g) => areaContains(g.area!, point));
}
