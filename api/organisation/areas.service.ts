import { Injectable } from '@nestjs/common';
import { checkArea, type AreaGeometry } from '../../domain/organisation/grid-area';
import { nestingBreaches, type NestingGrid } from '../../domain/organisation/import-areas';
import type { Actor } from '../../domain/organisation/roles';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { assertEcoOffice, assertManages } from '../common/access';
import { checkVersion } from '../common/concurrency';
import { OrganisationErrors } from './organisation.errors';

/** A grid's or a unit's area as the API answers it. */
export interface AreaView {
  code: string;
  boundary: AreaGeometry | null;
  version: number;
}

/**
 * 定区域 (G7): reading and setting a grid's or a unit's area. A new area must be a valid polygon, lie inside its
 * parent's area (a 分片's village grid, any other grid's unit, when that has one) and keep its children inside.
 */
@Injectable()
export class AreasService {
  constructor(private readonly organisation: OrganisationRepository) {}

  async get(what: 'grid' | 'unit', code: string): Promise<AreaView> {
    const row = await this.organisation.area(what, code);
    if (!row) throw OrganisationErrors.notFound(what, code);
    return { code, boundary: row.boundary, version: row.version };
  }

  async set(
    actor: Actor,
    what: 'grid' | 'unit',
    code: string,
    version: number | null,
    body: unknown,
  ): Promise<AreaView> {
    if (what === 'unit') assertEcoOffice(actor, 'draw a unit’s area');
    const current = await this.get(what, code);
    if (what === 'grid') {
      const grid = await this.organisation.grid(code);
      assertManages(actor, grid!.unit_code);
    }
    checkVersion(version, current.version);
    const area = checkedArea(body);
    await this.checkNesting(what, code, area);
    const written = await this.organisation.setArea(what, code, version, area);
    // Not written: either unchanged (same ETag) or changed by someone else since the read.
    if (!written) {
      const now = await this.get(what, code);
      checkVersion(version, now.version);
      return now;
    }
    return this.get(what, code);
  }

  /**
   * G7 for a grid written through the organisation's own endpoints (create or update with a `boundary`): the same
   * checks as `PUT …/boundary`, the grid as it will be after the write.
   */
  async checkGridWrite(grid: Omit<NestingGrid, 'area'>, boundary: unknown): Promise<AreaGeometry> {
    const area = checkedArea(boundary);
    await this.checkNesting('grid', grid.code, area, grid);
    return area;
  }

  /** G7: the new area inside its parent's, and the areas that hang under it still inside it. */
  private async checkNesting(
    what: 'grid' | 'unit',
    code: string,
    area: AreaGeometry,
    written?: Omit<NestingGrid, 'area'>,
  ): Promise<void> {
    const tree = await this.organisation.areaTree();
    const unitAreas = new Map(tree.unitAreas);
    const others = tree.grids.filter((g) => !(what === 'grid' && g.code === code));
    const current = tree.grids.find((g) => what === 'grid' && g.code === code);
    const self = what === 'grid' && (written ?? current) ? [{ ...(written ?? current)!, area }] : [];
    const grids = [...others, ...self];
    if (what === 'unit') unitAreas.set(code, area);
    const breach = nestingBreaches(grids, unitAreas).find((b) => b.grid === code || b.parent === code);
    if (breach)
      throw OrganisationErrors.invalid(
        'boundary',
        'G7',
        breach.grid === code
          ? `区域超出上级“${breach.parent}”的区域 the area is not inside the area of ${breach.parent}`
          : `下级网格“${breach.grid}”的区域将超出本区域 grid ${breach.grid} would no longer lie inside this area`,
      );
  }
}

/** G7: a closed, non-self-intersecting Polygon or MultiPolygon, or a 422 naming `boundary`. */
function checkedArea(body: unknown): AreaGeometry {
  const checked = checkArea(body, 'boundary');
  if (checked.problem)
    throw OrganisationErrors.invalid(
      'boundary',
      'G7',
      `${checked.problem.message} ${checked.problem.messageEn}`,
    );
  return checked.area;
}
