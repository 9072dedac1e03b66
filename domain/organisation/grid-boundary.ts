/** 网格范围 on a map: a GeoJSON (RFC 7946) Polygon or MultiPolygon, positions [longitude, latitude]. */

const MAX_POSITIONS = 5_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ringProblem(ring: unknown, path: string, budget: { left: number }): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return `${path} must be a ring of at least 4 positions`;
  budget.left -= ring.length;
  if (budget.left < 0) return `boundary has more than ${MAX_POSITIONS} positions`;
  for (const [i, position] of ring.entries()) {
    if (
      !Array.isArray(position) ||
      position.length < 2 ||
      typeof position[0] !== 'number' ||
      typeof position[1] !== 'number' ||
      Math.abs(position[0]) > 180 ||
      Math.abs(position[1]) > 90
    )
      return `${path}[${i}] must be [longitude, latitude] in range`;
  }
  const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]];
  return first[0] === last[0] && first[1] === last[1] ? null : `${path} must end where it starts`;
}

function polygonProblem(rings: unknown, path: string, budget: { left: number }): string | null {
  if (!Array.isArray(rings) || rings.length < 1) return `${path} must be a list of rings`;
  for (const [i, ring] of rings.entries()) {
    const problem = ringProblem(ring, `${path}[${i}]`, budget);
    if (problem) return problem;
  }
  return null;
}

/** Why a value is not a grid boundary, or null when it is one. */
export function boundaryProblem(value: unknown): string | null {
  if (!isObject(value) || (value.type !== 'Polygon' && value.type !== 'MultiPolygon'))
    return 'boundary must be a GeoJSON geometry of type Polygon or MultiPolygon';
  const budget = { left: MAX_POSITIONS };
  if (value.type === 'Polygon') return polygonProblem(value.coordinates, 'boundary.coordinates', budget);
  if (!Array.isArray(value.coordinates) || value.coordinates.length < 1)
    return 'boundary.coordinates must be a list of polygons';
  for (const [i, polygon] of value.coordinates.entries()) {
    const problem = polygonProblem(polygon, `boundary.coordinates[${i}]`, budget);
    if (problem) return problem;
  }
  return null;
}
