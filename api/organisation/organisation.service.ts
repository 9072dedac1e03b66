import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isEcoOffice, type Actor, type MemberRole } from '../../domain/organisation/roles';
import type { GridKind } from '../../domain/organisation/organisation.types';
import type {
  CreateGridDto,
  CreateKeyPointDto,
  CreateMemberDto,
  CreateUnitDto,
  ListGridsQueryDto,
  ListKeyPointsQueryDto,
  ListMembersQueryDto,
  UpdateGridDto,
  UpdateKeyPointDto,
  UpdateMemberDto,
  UpdateUnitDto,
} from './dto/organisation.dto';
import { checkVersion } from '../common/concurrency';
import { assertEcoOffice, assertManages } from '../common/access';
import { OrganisationErrors } from './organisation.errors';
import {
  GRID_REFERENCES,
  GRIDS,
  KEY_POINTS,
  MEMBERS,
  UNIT_REFERENCES,
  UNITS,
  type Row,
  type TableSpec,
} from '../../persistence/repositories/organisation.repository';
import { OrganisationTables } from './organisation-tables';
import { AreasService } from './areas.service';
import { type PageQueryDto } from '../common/pagination';
import { type Page } from '../../domain/common/page';

/** County-level roles only 县环委办 may hand out (G1). */
const COUNTY_ROLES: readonly MemberRole[] = ['chief', 'deputy_chief', 'liaison', 'office_staff'];

/**
 * Use cases of the organisation (units, grids, key points, members): who may change what, references that must
 * exist, and optimistic concurrency. Everyone authenticated reads; the controllers only speak HTTP.
 */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly repository: OrganisationTables,
    private readonly areas: AreasService,
  ) {}

  // ── units: 县环委办 only ──

  listUnits(query: PageQueryDto): Promise<Page<Row>> {
    return this.repository.page(UNITS, {}, query.page, query.pageSize);
  }

  getUnit(code: string): Promise<Row> {
    return this.repository.get(UNITS, code);
  }

  async createUnit(actor: Actor, dto: CreateUnitDto): Promise<Row> {
    assertEcoOffice(actor, 'create units');
    if (await this.repository.find(UNITS, dto.code)) throw OrganisationErrors.alreadyExists('unit', dto.code);
    if (dto.parentCode) await this.requireUnit('parentCode', dto.parentCode);
    return this.repository.insert(UNITS, { ...dto });
  }

  async updateUnit(actor: Actor, code: string, version: number | null, dto: UpdateUnitDto): Promise<Row> {
    assertEcoOffice(actor, 'change units');
    const current = await this.repository.get(UNITS, code);
    checkVersion(version, current.version);
    if (dto.parentCode) {
      if (dto.parentCode === code)
        throw OrganisationErrors.invalid(
          'parentCode',
          'not-self',
          'a unit cannot be its own parent',
          '单位不能以自己为上级单位',
        );
      await this.requireUnit('parentCode', dto.parentCode);
    }
    return this.updated(UNITS, code, version, { ...dto });
  }

  async deleteUnit(actor: Actor, code: string, version: number | null): Promise<void> {
    assertEcoOffice(actor, 'delete units');
    const current = await this.repository.get(UNITS, code);
    checkVersion(version, current.version);
    const what = await this.repository.referencedBy(UNIT_REFERENCES, code);
    if (what)
      throw OrganisationErrors.inUse(
        'unit-in-use',
        `Unit ${code} still has ${what}; move or delete them first.`,
        what,
      );
    await this.removed(UNITS, code, version);
  }

  // ── grids: 县环委办, or the heads of the grid's unit ──

  listGrids(query: ListGridsQueryDto): Promise<Page<Row>> {
    return this.repository.page(GRIDS, { unit_code: query.unit }, query.page, query.pageSize);
  }

  getGrid(code: string): Promise<Row> {
    return this.repository.get(GRIDS, code);
  }

  async createGrid(actor: Actor, dto: CreateGridDto): Promise<Row> {
    assertManages(actor, dto.unitCode);
    await this.requireUnit('unitCode', dto.unitCode);
    if (await this.repository.find(GRIDS, dto.code)) throw OrganisationErrors.alreadyExists('grid', dto.code);
    if (dto.parentGridCode) await this.requireGrid('parentGridCode', dto.parentGridCode);
    const boundary =
      dto.boundary == null
        ? dto.boundary
        : await this.areas.checkGridWrite(
            {
              code: dto.code,
              unitCode: dto.unitCode,
              kind: dto.kind,
              parentGridCode: dto.parentGridCode ?? null,
            },
            dto.boundary,
          );
    return this.repository.insert(GRIDS, { description: '', ...dto, boundary });
  }

  async updateGrid(actor: Actor, code: string, version: number | null, dto: UpdateGridDto): Promise<Row> {
    const current = await this.repository.get(GRIDS, code);
    assertManages(actor, String(current.unitCode), ...(dto.unitCode ? [dto.unitCode] : []));
    checkVersion(version, current.version);
    if (dto.unitCode) await this.requireUnit('unitCode', dto.unitCode);
    if (dto.parentGridCode) {
      if (dto.parentGridCode === code)
        throw OrganisationErrors.invalid(
          'parentGridCode',
          'not-self',
          'a grid cannot be its own parent',
          '网格不能以自己为上级网格',
        );
      await this.requireGrid('parentGridCode', dto.parentGridCode);
    }
    const boundary =
      dto.boundary == null
        ? dto.boundary
        : await this.areas.checkGridWrite(
            {
              code,
              unitCode: dto.unitCode ?? String(current.unitCode),
              kind: (dto.kind ?? current.kind) as GridKind,
              parentGridCode:
                dto.parentGridCode !== undefined
                  ? dto.parentGridCode
                  : ((current.parentGridCode as string | null) ?? null),
            },
            dto.boundary,
          );
    return this.updated(GRIDS, code, version, { ...dto, ...(boundary !== undefined ? { boundary } : {}) });
  }

  async deleteGrid(actor: Actor, code: string, version: number | null): Promise<void> {
    const current = await this.repository.get(GRIDS, code);
    assertManages(actor, String(current.unitCode));
    checkVersion(version, current.version);
    const what = await this.repository.referencedBy(GRID_REFERENCES, code);
    if (what)
      throw OrganisationErrors.inUse(
        'grid-in-use',
        `Grid ${code} still has ${what}; move or delete them first.`,
        what,
      );
    await this.removed(GRIDS, code, version);
  }

  // ── key points: 县环委办, or the heads of the unit of the key point's grid ──

  listKeyPoints(query: ListKeyPointsQueryDto): Promise<Page<Row>> {
    return this.repository.page(KEY_POINTS, { grid_code: query.grid }, query.page, query.pageSize);
  }

  getKeyPoint(id: string): Promise<Row> {
    return this.repository.get(KEY_POINTS, id);
  }

  async createKeyPoint(actor: Actor, dto: CreateKeyPointDto): Promise<Row> {
    const grid = await this.requireGrid('gridCode', dto.gridCode);
    assertManages(actor, String(grid.unitCode));
    const id = dto.id ?? `kp-${randomUUID()}`;
    if (await this.repository.find(KEY_POINTS, id)) throw OrganisationErrors.alreadyExists('key-point', id);
    return this.repository.insert(KEY_POINTS, { description: '', ...dto, id });
  }

  async updateKeyPoint(
    actor: Actor,
    id: string,
    version: number | null,
    dto: UpdateKeyPointDto,
  ): Promise<Row> {
    const current = await this.repository.get(KEY_POINTS, id);
    const units = [String((await this.requireGrid('gridCode', String(current.gridCode))).unitCode)];
    if (dto.gridCode) units.push(String((await this.requireGrid('gridCode', dto.gridCode)).unitCode));
    assertManages(actor, ...units);
    checkVersion(version, current.version);
    return this.updated(KEY_POINTS, id, version, { ...dto });
  }

  async deleteKeyPoint(actor: Actor, id: string, version: number | null): Promise<void> {
    const current = await this.repository.get(KEY_POINTS, id);
    const grid = await this.requireGrid('gridCode', String(current.gridCode));
    assertManages(actor, String(grid.unitCode));
    checkVersion(version, current.version);
    await this.removed(KEY_POINTS, id, version);
  }

  // ── members: 县环委办, or the heads of the member's unit; deleting one only marks it inactive ──

  listMembers(query: ListMembersQueryDto): Promise<Page<Row>> {
    return this.repository.page(
      MEMBERS,
      { unit_code: query.unit, grid_code: query.grid, active: query.active },
      query.page,
      query.pageSize,
    );
  }

  getMember(id: string): Promise<Row> {
    return this.repository.get(MEMBERS, id);
  }

  async createMember(actor: Actor, dto: CreateMemberDto): Promise<Row> {
    assertManages(actor, dto.unitCode);
    this.assertRolesGrantable(actor, dto.roles);
    await this.requireUnit('unitCode', dto.unitCode);
    if (dto.gridCode) await this.requireGridOfUnit(dto.gridCode, dto.unitCode);
    const id = dto.id ?? `m-${randomUUID()}`;
    if (await this.repository.find(MEMBERS, id)) throw OrganisationErrors.alreadyExists('member', id);
    return this.repository.insert(MEMBERS, { ...dto, id });
  }

  async updateMember(actor: Actor, id: string, version: number | null, dto: UpdateMemberDto): Promise<Row> {
    const current = await this.repository.get(MEMBERS, id);
    const unitCode = dto.unitCode ?? String(current.unitCode);
    assertManages(actor, String(current.unitCode), unitCode);
    if (dto.roles) this.assertRolesGrantable(actor, dto.roles);
    checkVersion(version, current.version);
    if (dto.unitCode) await this.requireUnit('unitCode', dto.unitCode);
    const gridCode = dto.gridCode === undefined ? (current.gridCode as string | null) : dto.gridCode;
    if (gridCode && (dto.gridCode || dto.unitCode)) await this.requireGridOfUnit(gridCode, unitCode);
    return this.updated(MEMBERS, id, version, { ...dto });
  }

  async deactivateMember(actor: Actor, id: string, version: number | null): Promise<Row> {
    const current = await this.repository.get(MEMBERS, id);
    assertManages(actor, String(current.unitCode));
    checkVersion(version, current.version);
    return this.updated(MEMBERS, id, version, { active: false });
  }

  // ── helpers ──

  private assertRolesGrantable(actor: Actor, roles: readonly MemberRole[]): void {
    const county = roles.filter((role) => COUNTY_ROLES.includes(role));
    if (county.length > 0 && !isEcoOffice(actor))
      throw OrganisationErrors.forbidden(`Only 县环委办 may give the county roles ${county.join(', ')}.`);
  }

  private async requireUnit(field: string, code: string): Promise<Row> {
    const unit = await this.repository.find(UNITS, code);
    if (!unit) throw OrganisationErrors.unknownReference(field, code, 'a unit of the organisation');
    return unit;
  }

  private async requireGrid(field: string, code: string): Promise<Row> {
    const grid = await this.repository.find(GRIDS, code);
    if (!grid) throw OrganisationErrors.unknownReference(field, code, 'a grid of the organisation');
    return grid;
  }

  private async requireGridOfUnit(gridCode: string, unitCode: string): Promise<void> {
    const grid = await this.requireGrid('gridCode', gridCode);
    if (grid.unitCode !== unitCode)
      throw OrganisationErrors.invalid(
        'gridCode',
        'grid-of-unit',
        `grid ${gridCode} belongs to ${String(grid.unitCode)}, not ${unitCode}`,
        `网格 ${gridCode} 属于 ${String(grid.unitCode)}，不属于 ${unitCode}`,
      );
  }

  private async updated(
    spec: TableSpec,
    key: string,
    version: number | null,
    values: Record<string, unknown>,
  ): Promise<Row> {
    const row = await this.repository.update(spec, key, version, values);
    if (row) return row;
    const now = await this.repository.get(spec, key);
    throw OrganisationErrors.preconditionFailed(now.version);
  }

  private async removed(spec: TableSpec, key: string, version: number | null): Promise<void> {
    if (await this.repository.remove(spec, key, version)) return;
    const now = await this.repository.get(spec, key);
    throw OrganisationErrors.preconditionFailed(now.version);
  }
}
