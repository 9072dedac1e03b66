import { crudController } from '../common/crud.controller';
import {
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
import { RegisterPageQueryDto } from '../common/pagination';
import { OrganisationService } from './organisation.service';
import { GRID_SCHEMA, KEY_POINT_SCHEMA, MEMBER_SCHEMA, UNIT_SCHEMA } from './organisation.schemas';

/** 单位 Units: everyone authenticated reads; 县环委办 writes. */
export const UnitsController = crudController({
  name: 'UnitsController',
  path: 'units',
  key: 'code',
  example: 'ULE',
  tag: 'organisation',
  zh: '单位',
  en: 'unit',
  writers: '县环委办 only.',
  deleteNote:
    '删除单位（仍有下级单位、网格、人员或职责类别时 409）。Deletes a unit; 409 while units, grids, members or catalog categories still reference it.',
  rowSchema: UNIT_SCHEMA,
  listQuery: RegisterPageQueryDto,
  createDto: CreateUnitDto,
  updateDto: UpdateUnitDto,
  service: OrganisationService,
  operations: (s) => ({
    list: (query) => s.listUnits(query as RegisterPageQueryDto),
    get: (code) => s.getUnit(code),
    create: (actor, dto) => s.createUnit(actor, dto as CreateUnitDto),
    update: (actor, code, version, dto) => s.updateUnit(actor, code, version, dto),
    remove: (actor, code, version) => s.deleteUnit(actor, code, version),
  }),
});

/** 网格 Grids: everyone authenticated reads; 县环委办, or the heads of the grid’s unit, write. */
export const GridsController = crudController({
  name: 'GridsController',
  path: 'grids',
  key: 'code',
  example: 'DEMO-WRB-01',
  tag: 'organisation',
  zh: '网格',
  en: 'grid',
  writers: '县环委办, or the heads of the grid’s unit.',
  deleteNote:
    '删除网格（仍有分片、人员或点位时 409）。Deletes a grid; 409 while sub-areas, members or key points still reference it.',
  rowSchema: GRID_SCHEMA,
  listQuery: ListGridsQueryDto,
  createDto: CreateGridDto,
  updateDto: UpdateGridDto,
  service: OrganisationService,
  operations: (s) => ({
    list: (query) => s.listGrids(query as ListGridsQueryDto),
    get: (code) => s.getGrid(code),
    create: (actor, dto) => s.createGrid(actor, dto as CreateGridDto),
    update: (actor, code, version, dto) => s.updateGrid(actor, code, version, dto),
    remove: (actor, code, version) => s.deleteGrid(actor, code, version),
  }),
});

/** 重点监控点位 Key points: everyone authenticated reads; 县环委办, or the heads of the grid’s unit, write. */
export const KeyPointsController = crudController({
  name: 'KeyPointsController',
  path: 'key-points',
  key: 'id',
  example: 'demo-kp-wrb-01',
  tag: 'organisation',
  zh: '重点监控点位',
  en: 'key point',
  writers: '县环委办, or the heads of the unit of the key point’s grid.',
  deleteNote: '删除重点监控点位。Deletes a key point.',
  rowSchema: KEY_POINT_SCHEMA,
  listQuery: ListKeyPointsQueryDto,
  createDto: CreateKeyPointDto,
  updateDto: UpdateKeyPointDto,
  service: OrganisationService,
  operations: (s) => ({
    list: (query) => s.listKeyPoints(query as ListKeyPointsQueryDto),
    get: (id) => s.getKeyPoint(id),
    create: (actor, dto) => s.createKeyPoint(actor, dto as CreateKeyPointDto),
    update: (actor, id, version, dto) => s.updateKeyPoint(actor, id, version, dto),
    remove: (actor, id, version) => s.deleteKeyPoint(actor, id, version),
  }),
});

/** 网格人员 Members: everyone authenticated reads; 县环委办, or the heads of the member’s unit, write. */
export const MembersController = crudController({
  name: 'MembersController',
  path: 'members',
  key: 'id',
  example: 'demo-t-guzhou-ranger',
  tag: 'organisation',
  zh: '网格人员',
  en: 'member',
  writers: '县环委办, or the heads of the member’s unit.',
  deleteNote:
    '人员离岗（软删除：active=false，历史记录保留）。Soft delete: marks the member inactive; history keeps their name.',
  rowSchema: MEMBER_SCHEMA,
  listQuery: ListMembersQueryDto,
  createDto: CreateMemberDto,
  updateDto: UpdateMemberDto,
  service: OrganisationService,
  operations: (s) => ({
    list: (query) => s.listMembers(query as ListMembersQueryDto),
    get: (id) => s.getMember(id),
    create: (actor, dto) => s.createMember(actor, dto as CreateMemberDto),
    update: (actor, id, version, dto) => s.updateMember(actor, id, version, dto),
    remove: async (actor, id, version) => {
      await s.deactivateMember(actor, id, version);
    },
  }),
});
