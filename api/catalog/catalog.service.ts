import { Injectable } from '@nestjs/common';
import type { Actor } from '../../domain/organisation/roles';
import { checkVersion } from '../common/concurrency';
import { assertEcoOffice } from '../common/access';
import { OrganisationErrors } from '../organisation/organisation.errors';
import { OrganisationTables } from '../organisation/organisation-tables';
import {
  CATEGORIES,
  CatalogRepository,
  type ChiefPatrolRouteRow,
} from '../../persistence/repositories/catalog.repository';
import { UNITS, type Row } from '../../persistence/repositories/organisation.repository';
import type { CreateCategoryDto, UpdateCategoryDto } from './catalog.dto';
import { type PageQueryDto } from '../common/pagination';
import { type Page } from '../../domain/common/page';

export interface SuggestedOwner {
  category: string;
  categoryName: string;
  ownerUnitCode: string;
  ownerUnitName: string;
}

/** 职责清单 (SPEC §2): the catalog new and transferred issues take their suggested owner from; 县环委办 edits it. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly repository: OrganisationTables,
    private readonly catalog: CatalogRepository,
  ) {}

  list(query: PageQueryDto): Promise<Page<Row>> {
    return this.repository.page(CATEGORIES, {}, query.page, query.pageSize);
  }

  get(code: string): Promise<Row> {
    return this.repository.get(CATEGORIES, code);
  }

  async create(actor: Actor, dto: CreateCategoryDto): Promise<Row> {
    assertEcoOffice(actor, 'edit the responsibility catalog');
    await this.requireOwner(dto.ownerUnitCode);
    if (await this.repository.find(CATEGORIES, dto.code))
      throw OrganisationErrors.alreadyExists('category', dto.code);
    return this.repository.insert(CATEGORIES, { description: '', ...dto });
  }

  async update(actor: Actor, code: string, version: number | null, dto: UpdateCategoryDto): Promise<Row> {
    assertEcoOffice(actor, 'edit the responsibility catalog');
    const current = await this.repository.get(CATEGORIES, code);
    checkVersion(version, current.version);
    if (dto.ownerUnitCode) await this.requireOwner(dto.ownerUnitCode);
    const row = await this.repository.update(CATEGORIES, code, version, { ...dto });
    if (!row)
      throw OrganisationErrors.preconditionFailed((await this.repository.get(CATEGORIES, code)).version);
    return row;
  }

  async remove(actor: Actor, code: string, version: number | null): Promise<void> {
    assertEcoOffice(actor, 'edit the responsibility catalog');
    const current = await this.repository.get(CATEGORIES, code);
    checkVersion(version, current.version);
    if (!(await this.repository.remove(CATEGORIES, code, version)))
      throw OrganisationErrors.preconditionFailed((await this.repository.get(CATEGORIES, code)).version);
  }

  /** The unit that owns a category: the suggested owner of a new or transferred issue (L3). */
  /** L22: who dispatches or cooperates on the findings of the river- and forest-chief patrols. */
  patrolRoutes(): Promise<ChiefPatrolRouteRow[]> {
    return this.catalog.patrolRoutes();
  }

  async suggestOwner(category: string): Promise<SuggestedOwner> {
    const row = await this.catalog.suggestedOwner(category);
    if (!row) throw OrganisationErrors.notFound('category', category);
    return row;
  }

  private async requireOwner(unitCode: string): Promise<void> {
    if (!(await this.repository.find(UNITS, unitCode)))
      throw OrganisationErrors.unknownReference('ownerUnitCode', unitCode, 'a unit of the organisation');
  }
}
