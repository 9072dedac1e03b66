import { checkArea, type AreaGeometry } from './grid-area';
import { ROLE_LABELS, type MemberRole } from './roles';
import {
  GRID_KIND_LABELS,
  PUBLIC_WELFARE_POSTS,
  POSTS,
  type GridKind,
  type OrganisationGrid,
  type OrganisationUnit,
} from './organisation.types';

/** One spreadsheet row as plain strings; `rowNumber` is the number the spreadsheet shows (header = 1). */
export interface SheetRow {
  rowNumber: number;
  cells: readonly string[];
}

/** A worksheet (XLSX) or a CSV file, already read into strings by the caller. */
export interface RawSheet {
  name: string;
  rows: readonly SheetRow[];
}

/** A bad cell or row: where it is, and what is wrong with it in Chinese and English. */
export interface ImportIssue {
  sheet: string;
  row: number;
  field: string;
  message: string;
  messageEn: string;
}

export interface GridImportRow {
  sheet: string;
  row: number;
  code: string;
  unitCode: string;
  name: string;
  kind: GridKind;
  parentGridCode: string | null;
  village: string | null;
  description: string;
  /** 定区域 (G7): the area from the sheet's 区域 column, or later from the GeoJSON file of the same import. */
  boundary: AreaGeometry | null;
  /** The optional columns the sheet has: a re-import leaves the others as they are in the database. */
  present: readonly GridField[];
}

export interface MemberImportRow {
  sheet: string;
  row: number;
  /** 编号, when the sheet has one: the member's id and its upsert key. */
  externalId: string | null;
  unitCode: string;
  gridCode: string | null;
  name: string;
  roles: MemberRole[];
  isSectionCadre: boolean;
  post: string | null;
  phone: string | null;
  publicContact: string | null;
  email: string | null;
  public: boolean;
  /** The optional columns the sheet has: a re-import leaves the others as they are in the database. */
  present: readonly MemberField[];
}

/** What is already in the database, so rows can name existing units and grids. */
export interface ImportContext {
  units: readonly OrganisationUnit[];
  grids: readonly Pick<OrganisationGrid, 'code' | 'unitCode' | 'name' | 'kind'>[];
}

export interface ParsedOrganisation {
  grids: GridImportRow[];
  members: MemberImportRow[];
  issues: ImportIssue[];
}

/** Full-width to half-width (NFKC), no whitespace at all, lower case: how headers and names are compared. */
export function normalizeKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000\u00a0\ufeff]+/g, '')
    .toLowerCase();
}

/** Trimmed, NFKC-normalised cell text, or null when empty. */
function clean(text: string | undefined): string | null {
  if (text === undefined) return null;
  const value = text
    .normalize('NFKC')
    .replace(/[\u00a0\ufeff]/g, ' ')
    .trim();
  return value === '' ? null : value;
}

export type GridField = 'unit' | 'code' | 'name' | 'kind' | 'parent' | 'village' | 'description' | 'boundary';
export type MemberField =
  | 'id'
  | 'unit'
  | 'grid'
  | 'name'
  | 'role'
  | 'sectionCadre'
  | 'directLeader'
  | 'post'
  | 'phone'
  | 'publicContact'
  | 'email'
  | 'public';

/** Headers as county offices write them; the first alias is the canonical name used in messages. */
const GRID_HEADERS: Record<GridField, string[]> = {
  unit: ['单位', '单位名称', '所属单位', '责任单位'],
  code: ['网格编号', '网格代码', '编号'],
  name: ['网格名称', '网格'],
  kind: ['类型', '网格类型'],
  parent: ['上级网格', '上级网格编号', '所属村级网格'],
  village: ['所在村', '所在村(社区)', '行政村(社区)', '行政村', '村(社区)'],
  description: ['描述', '说明', '网格范围', '备注'],
  boundary: ['区域', '网格区域', '边界', '网格边界', '区域(GeoJSON)', 'GeoJSON', 'boundary'],
};

const MEMBER_HEADERS: Record<MemberField, string[]> = {
  id: ['编号', '人员编号', '工号'],
  unit: ['单位', '单位名称', '所属单位', '工作单位'],
  grid: ['网格', '网格编号', '所属网格', '网格名称'],
  name: ['姓名'],
  role: ['职务/角色', '职务', '角色', '网格职务', '网格角色', '职务角色'],
  sectionCadre: ['是否科级干部', '科级干部'],
  directLeader: ['是否直接负责人', '直接负责人'],
  post: ['岗位', '工作岗位', '身份'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码'],
  publicContact: ['公开联系方式', '公开电话', '对外联系方式'],
  email: ['电子邮箱', '邮箱', 'email', 'e-mail'],
  public: ['是否公开', '是否公示'],
};

const GRID_REQUIRED: GridField[] = ['unit', 'code', 'name'];
const MEMBER_REQUIRED: MemberField[] = ['unit', 'name', 'role'];

interface HeaderMap<F extends string> {
  rowNumber: number;
  columns: Partial<Record<F, { index: number; label: string }>>;
}

function matchHeaders<F extends string>(row: SheetRow, aliases: Record<F, string[]>): HeaderMap<F> {
  const columns: Partial<Record<F, { index: number; label: string }>> = {};
  const fields = Object.keys(aliases) as F[];
  row.cells.forEach((cell, index) => {
    const key = normalizeKey(cell).replace(/[*:：]/g, '');
    if (key === '') return;
    // "是否科级干部（是/否）": a hint in brackets after the header is ignored.
    const bare = key.replace(/\(.*\)$/, '');
    for (const candidate of [key, bare]) {
      const field = fields.find(
        (f) => columns[f] === undefined && aliases[f].some((a) => normalizeKey(a) === candidate),
      );
      if (field) {
        columns[field] = { index, label: cell.trim() };
        return;
      }
    }
  });
  return { rowNumber: row.rowNumber, columns };
}

/** Which kind of sheet this is, judged by its header row (one of the first five non-empty rows). */
function classify(
  sheet: RawSheet,
):
  | { kind: 'grids'; header: HeaderMap<GridField> }
  | { kind: 'members'; header: HeaderMap<MemberField> }
  | undefined {
  const candidates = sheet.rows.filter((r) => r.cells.some((c) => c.trim() !== '')).slice(0, 5);
  for (const row of candidates) {
    const members = matchHeaders(row, MEMBER_HEADERS);
    if (members.columns.name) return { kind: 'members', header: members };
    const grids = matchHeaders(row, GRID_HEADERS);
    if (grids.columns.code && grids.columns.name) return { kind: 'grids', header: grids };
  }
  return undefined;
}

interface RoleLabel {
  roles: MemberRole[];
  post?: string;
}

/** Chinese role names → MEMBER_ROLES (and the post a role name implies). */
const ROLE_NAMES: Record<string, RoleLabel> = {
  总网格长: { roles: ['chief'] },
  副总网格长: { roles: ['deputy_chief'] },
  联络员: { roles: ['liaison'] },
  网格信息联络人员: { roles: ['liaison'] },
  网格信息联络员: { roles: ['liaison'] },
  信息联络员: { roles: ['liaison'] },
  分网格长: { roles: ['sector_head'] },
  副分网格长: { roles: ['sector_deputy'] },
  网格长: { roles: ['grid_head'] },
  副网格长: { roles: ['grid_deputy'] },
  网格员: { roles: ['grid_member'] },
  直接负责人: { roles: ['grid_member', 'direct_leader'] },
  村级网格员: { roles: ['village_member'] },
  支部书记: { roles: ['village_member'], post: POSTS.branchSecretary },
  村支书: { roles: ['village_member'], post: POSTS.branchSecretary },
  党支部书记: { roles: ['village_member'], post: POSTS.branchSecretary },
  驻村第一书记: { roles: ['grid_member'], post: POSTS.firstSecretary },
  驻村干部: { roles: ['grid_member'], post: POSTS.villageCadreStationed },
  护林员: { roles: ['public_welfare'], post: POSTS.forestRanger },
  保洁员: { roles: ['public_welfare'], post: POSTS.cleaner },
  管水员: { roles: ['public_welfare'], post: POSTS.waterKeeper },
  公益性岗位: { roles: ['public_welfare'] },
  环委办工作人员: { roles: ['office_staff'] },
  县环委办工作人员: { roles: ['office_staff'] },
};

const ROLE_LOOKUP = new Map(Object.entries(ROLE_NAMES).map(([label, v]) => [normalizeKey(label), v]));

/** Maps a 职务/角色 cell ("网格员、直接负责人") to roles; unknown names are returned separately. */
export function parseRoleNames(text: string): {
  roles: MemberRole[];
  post: string | null;
  unknown: string[];
} {
  const roles = new Set<MemberRole>();
  const unknown: string[] = [];
  let post: string | null = null;
  for (const part of text
    .normalize('NFKC')
    .split(/[、,，;；/|\s]+/)
    .filter((p) => p !== '')) {
    const found = ROLE_LOOKUP.get(normalizeKey(part));
    if (!found) {
      unknown.push(part);
      continue;
    }
    found.roles.forEach((r) => roles.add(r));
    post ??= found.post ?? null;
  }
  return { roles: [...roles], post, unknown };
}

const GRID_KIND_NAMES: Record<string, GridKind> = {
  sector: 'sector',
  行业网格: 'sector',
  部门网格: 'sector',
  行业: 'sector',
  village: 'village',
  村级网格: 'village',
  村网格: 'village',
  '村(社区)网格': 'village',
  社区网格: 'village',
  村级: 'village',
  sub_area: 'sub_area',
  分片: 'sub_area',
  分片网格: 'sub_area',
  片区: 'sub_area',
  片区网格: 'sub_area',
  [GRID_KIND_LABELS.sector]: 'sector',
  [GRID_KIND_LABELS.village]: 'village',
  [GRID_KIND_LABELS.sub_area]: 'sub_area',
};
const GRID_KIND_LOOKUP = new Map(Object.entries(GRID_KIND_NAMES).map(([k, v]) => [normalizeKey(k), v]));

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '对']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '不是']);

function parseYesNo(text: string | null): boolean | null | 'invalid' {
  if (text === null) return null;
  const key = normalizeKey(text);
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return 'invalid';
}

const COUNTY_ROLES: readonly MemberRole[] = ['chief', 'deputy_chief', 'liaison'];
const SECTOR_ROLES: readonly MemberRole[] = ['sector_head', 'sector_deputy'];
const TOWNSHIP_ROLES: readonly MemberRole[] = ['grid_head', 'grid_deputy'];
const GRID_SCOPED_ROLES: readonly MemberRole[] = [
  'grid_member',
  'direct_leader',
  'village_member',
  'public_welfare',
];

const PHONE = /^\+?[0-9][0-9\- ()]{4,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CODE = /^[^\s]{1,64}$/;

/**
 * Reads the grids and members sheets into rows ready to upsert, or says what is wrong with each bad row.
 * Nothing here touches a file or the database: the caller passes plain strings and what the database holds.
 */
export function parseOrganisationSheets(
  sheets: readonly RawSheet[],
  context: ImportContext,
): ParsedOrganisation {
  const issues: ImportIssue[] = [];
  const problem = (sheet: string, row: number, field: string, message: string, messageEn: string) =>
    issues.push({ sheet, row, field, message, messageEn });

  const unitsByKey = new Map<string, OrganisationUnit>();
  for (const unit of context.units) {
    unitsByKey.set(normalizeKey(unit.code), unit);
    unitsByKey.set(normalizeKey(unit.name), unit);
  }

  const gridSheets: { sheet: RawSheet; header: HeaderMap<GridField> }[] = [];
  const memberSheets: { sheet: RawSheet; header: HeaderMap<MemberField> }[] = [];
  for (const sheet of sheets) {
    const found = classify(sheet);
    if (found?.kind === 'grids') gridSheets.push({ sheet, header: found.header });
    else if (found?.kind === 'members') memberSheets.push({ sheet, header: found.header });
  }
  if (gridSheets.length === 0 && memberSheets.length === 0) {
    problem(
      sheets[0]?.name ?? '',
      1,
      '表头',
      '未找到网格表（需有“网格编号”“网格名称”列）或人员表（需有“姓名”列）',
      'no grids sheet (columns 网格编号, 网格名称) or members sheet (column 姓名) found',
    );
    return { grids: [], members: [], issues };
  }

  const requireHeaders = <F extends string>(
    sheet: RawSheet,
    header: HeaderMap<F>,
    aliases: Record<F, string[]>,
    required: F[],
  ) => {
    const missing = required.filter((f) => !header.columns[f]);
    for (const field of missing)
      problem(
        sheet.name,
        header.rowNumber,
        aliases[field][0],
        `缺少“${aliases[field][0]}”列`,
        `missing column "${aliases[field][0]}"`,
      );
    return missing.length === 0;
  };

  const dataRows = (sheet: RawSheet, headerRow: number) =>
    sheet.rows.filter((r) => r.rowNumber > headerRow && r.cells.some((c) => c.trim() !== ''));

  // Grids first: members may name grids of the same file.
  const grids: GridImportRow[] = [];
  const gridRowsByCode = new Map<string, GridImportRow>();
  const pendingParents: { grid: GridImportRow; parentText: string; label: string }[] = [];
  for (const { sheet, header } of gridSheets) {
    if (!requireHeaders(sheet, header, GRID_HEADERS, GRID_REQUIRED)) continue;
    const label = (f: GridField) => header.columns[f]?.label ?? GRID_HEADERS[f][0];
    for (const row of dataRows(sheet, header.rowNumber)) {
      const cell = (f: GridField) => {
        const column = header.columns[f];
        return column ? clean(row.cells[column.index]) : null;
      };
      const at = (f: GridField, message: string, messageEn: string) =>
        problem(sheet.name, row.rowNumber, label(f), message, messageEn);
      const before = issues.length;

      const unitText = cell('unit');
      const unit = unitText ? unitsByKey.get(normalizeKey(unitText)) : undefined;
      if (!unitText) at('unit', '单位不能为空', 'unit is required');
      else if (!unit) at('unit', `单位“${unitText}”不存在`, `unknown unit "${unitText}"`);

      const code = cell('code');
      if (!code) at('code', '网格编号不能为空', 'grid code is required');
      else if (!CODE.test(code))
        at(
          'code',
          '网格编号不能含空格且不超过64个字符',
          'grid code must have no spaces and at most 64 characters',
        );
      else if (gridRowsByCode.has(normalizeKey(code)))
        at(
          'code',
          `网格编号“${code}”与第${gridRowsByCode.get(normalizeKey(code))?.row}行重复`,
          `grid code "${code}" repeats row ${gridRowsByCode.get(normalizeKey(code))?.row}`,
        );

      const name = cell('name');
      if (!name) at('name', '网格名称不能为空', 'grid name is required');
      else if (name.length > 128)
        at('name', '网格名称不超过128个字符', 'grid name is longer than 128 characters');

      const parentText = cell('parent');
      const kindText = cell('kind');
      let kind: GridKind | undefined;
      if (kindText) {
        kind = GRID_KIND_LOOKUP.get(normalizeKey(kindText));
        if (!kind)
          at(
            'kind',
            `类型“${kindText}”无法识别，应为行业网格、村级网格或分片网格`,
            `unknown grid type "${kindText}" (expected 行业网格, 村级网格 or 分片网格)`,
          );
      } else if (parentText) kind = 'sub_area';
      else if (unit) kind = unit.kind === 'department' || unit.kind === 'park' ? 'sector' : 'village';

      if (kind && unit) {
        const sectorUnit = unit.kind === 'department' || unit.kind === 'park';
        const territorialUnit = unit.kind === 'township' || unit.kind === 'village';
        if (kind === 'sector' && !sectorUnit)
          at(
            'kind',
            `${unit.name}不是县直部门，不能划定行业网格`,
            `${unit.code} is not a department: no sector grid`,
          );
        if (kind !== 'sector' && !territorialUnit)
          at(
            'kind',
            `${unit.name}不是乡镇（街道）或村，不能划定${GRID_KIND_LABELS[kind]}`,
            `${unit.code} is not a township or village: no ${kind} grid`,
          );
      }
      if (kind === 'sub_area' && !parentText)
        at('parent', '分片网格须填写上级网格', 'a sub-area grid needs its parent grid');
      if (kind && kind !== 'sub_area' && parentText)
        at('parent', '只有分片网格才有上级网格', 'only a sub-area grid has a parent grid');

      const description = cell('description') ?? '';
      const village = cell('village');
      if (village && village.length > 64)
        at('village', '所在村不超过64个字符', 'village is longer than 64 characters');

      const boundaryText = cell('boundary');
      let boundary: AreaGeometry | null = null;
      if (boundaryText) {
        let value: unknown;
        try {
          value = JSON.parse(boundaryText);
        } catch {
          value = undefined;
        }
        const checked = value === undefined ? undefined : checkArea(value, label('boundary'));
        if (!checked) at('boundary', '区域须为 GeoJSON 文本', 'the area must be GeoJSON text');
        else if (checked.problem) at('boundary', checked.problem.message, checked.problem.messageEn);
        else boundary = checked.area;
      }

      if (issues.length > before || !unit || !code || !name || !kind) continue;
      const grid: GridImportRow = {
        sheet: sheet.name,
        row: row.rowNumber,
        code,
        unitCode: unit.code,
        name,
        kind,
        parentGridCode: null,
        village,
        description,
        boundary,
        present: Object.keys(header.columns) as GridField[],
      };
      grids.push(grid);
      gridRowsByCode.set(normalizeKey(code), grid);
      if (parentText) pendingParents.push({ grid, parentText, label: label('parent') });
    }
  }

  // Every grid a row may name: the file's, then the database's not overridden by the file.
  type KnownGrid = Pick<OrganisationGrid, 'code' | 'unitCode' | 'name' | 'kind'>;
  const known: KnownGrid[] = [
    ...grids,
    ...context.grids.filter((g) => !gridRowsByCode.has(normalizeKey(g.code))),
  ];
  const knownByCode = new Map(known.map((g) => [normalizeKey(g.code), g]));
  const unitParent = new Map(context.units.map((u) => [u.code, u.parentCode]));
  /** A grid by code, else by name (preferring the named unit's own grids and its township's). */
  const findGrid = (
    text: string,
    unitCode: string | undefined,
  ): { grid?: KnownGrid; ambiguous?: boolean } => {
    const byCode = knownByCode.get(normalizeKey(text));
    if (byCode) return { grid: byCode };
    const named = known.filter((g) => normalizeKey(g.name) === normalizeKey(text));
    const own = unitCode
      ? named.filter((g) => g.unitCode === unitCode || g.unitCode === unitParent.get(unitCode))
      : [];
    const pool = own.length > 0 ? own : named;
    if (pool.length === 1) return { grid: pool[0] };
    return pool.length > 1 ? { ambiguous: true } : {};
  };

  for (const { grid, parentText, label } of pendingParents) {
    const { grid: parent, ambiguous } = findGrid(parentText, grid.unitCode);
    const at = (message: string, messageEn: string) =>
      problem(grid.sheet, grid.row, label, message, messageEn);
    if (ambiguous)
      at(
        `上级网格“${parentText}”有重名，请填写网格编号`,
        `parent grid "${parentText}" is ambiguous: use its code`,
      );
    else if (!parent) at(`上级网格“${parentText}”不存在`, `unknown parent grid "${parentText}"`);
    else if (parent.kind !== 'village')
      at(`上级网格“${parentText}”不是村级网格`, `parent grid "${parentText}" is not a village grid`);
    else if (normalizeKey(parent.code) === normalizeKey(grid.code))
      at('上级网格不能是本网格', 'a grid cannot be its own parent');
    else grid.parentGridCode = parent.code;
  }
  const goodGrids = grids.filter((g) => g.kind !== 'sub_area' || g.parentGridCode !== null);

  const members: MemberImportRow[] = [];
  const memberKeys = new Map<string, number>();
  for (const { sheet, header } of memberSheets) {
    if (!requireHeaders(sheet, header, MEMBER_HEADERS, MEMBER_REQUIRED)) continue;
    const label = (f: MemberField) => header.columns[f]?.label ?? MEMBER_HEADERS[f][0];
    for (const row of dataRows(sheet, header.rowNumber)) {
      const cell = (f: MemberField) => {
        const column = header.columns[f];
        return column ? clean(row.cells[column.index]) : null;
      };
      const at = (f: MemberField, message: string, messageEn: string) =>
        problem(sheet.name, row.rowNumber, label(f), message, messageEn);
      const before = issues.length;

      const externalId = cell('id');
      if (externalId && !CODE.test(externalId))
        at('id', '编号不能含空格且不超过64个字符', 'id must have no spaces and at most 64 characters');

      const unitText = cell('unit');
      const unit = unitText ? unitsByKey.get(normalizeKey(unitText)) : undefined;
      if (!unitText) at('unit', '单位不能为空', 'unit is required');
      else if (!unit) at('unit', `单位“${unitText}”不存在`, `unknown unit "${unitText}"`);

      const name = cell('name');
      if (!name) at('name', '姓名不能为空', 'name is required');
      else if (name.length > 64) at('name', '姓名不超过64个字符', 'name is longer than 64 characters');

      const roleText = cell('role');
      const parsedRoles = parseRoleNames(roleText ?? '');
      const roles = new Set(parsedRoles.roles);
      if (!roleText) at('role', '职务/角色不能为空', 'role is required');
      else if (parsedRoles.unknown.length > 0)
        at(
          'role',
          `职务/角色“${parsedRoles.unknown.join('、')}”无法识别`,
          `unknown role "${parsedRoles.unknown.join(', ')}"`,
        );

      const flag = (f: MemberField) => {
        const value = parseYesNo(cell(f));
        if (value === 'invalid') {
          at(f, `“${label(f)}”应填“是”或“否”`, `"${label(f)}" must be 是 (yes) or 否 (no)`);
          return null;
        }
        return value;
      };
      const isSectionCadre = flag('sectionCadre') ?? false;
      if (flag('directLeader')) {
        roles.add('grid_member');
        roles.add('direct_leader');
      }
      const isPublic = flag('public') ?? true;

      const post = cell('post') ?? parsedRoles.post;
      if (post && post.length > 32) at('post', '岗位不超过32个字符', 'post is longer than 32 characters');
      if (post && PUBLIC_WELFARE_POSTS.includes(post)) roles.add('public_welfare');

      const phone = cell('phone');
      if (phone && !PHONE.test(phone))
        at('phone', `联系电话“${phone}”格式不正确`, `phone "${phone}" is not a phone number`);
      const email = cell('email');
      if (email && (!EMAIL.test(email) || email.length > 128))
        at('email', `电子邮箱“${email}”格式不正确`, `email "${email}" is not an email address`);
      const publicContact = cell('publicContact');
      if (publicContact && publicContact.length > 128)
        at('publicContact', '公开联系方式不超过128个字符', 'public contact is longer than 128 characters');

      if (unit) {
        const has = (list: readonly MemberRole[]) => list.filter((r) => roles.has(r));
        const misplaced = (list: readonly MemberRole[], where: string, whereEn: string) => {
          const wrong = has(list);
          if (wrong.length > 0)
            at(
              'role',
              `${wrong.map((r) => ROLE_LABELS[r]).join('、')}应属于${where}，${unit.name}不是`,
              `${wrong.join(', ')} belongs to ${whereEn}, not ${unit.code}`,
            );
        };
        if (unit.kind !== 'county_government') misplaced(COUNTY_ROLES, '县人民政府', 'the county government');
        if (unit.kind !== 'department' && unit.kind !== 'park')
          misplaced(SECTOR_ROLES, '县直部门', 'a county department');
        if (unit.kind !== 'township') misplaced(TOWNSHIP_ROLES, '乡镇（街道）', 'a township');
      }

      const gridText = cell('grid');
      let gridCode: string | null = null;
      if (gridText) {
        const { grid, ambiguous } = findGrid(gridText, unit?.code);
        if (ambiguous)
          at(
            'grid',
            `网格“${gridText}”有重名，请填写网格编号`,
            `grid "${gridText}" is ambiguous: use its code`,
          );
        else if (!grid) at('grid', `网格“${gridText}”不存在`, `unknown grid "${gridText}"`);
        else gridCode = grid.code;
      } else if ([...roles].some((r) => GRID_SCOPED_ROLES.includes(r))) {
        at('grid', '网格员须填写所属网格', 'a grid member needs a grid');
      }

      const key = externalId
        ? `id:${normalizeKey(externalId)}`
        : `key:${unit?.code ?? ''}|${normalizeKey(name ?? '')}|${normalizeKey(phone ?? '')}`;
      const earlier = memberKeys.get(key);
      if (earlier !== undefined && unit && name)
        at(
          externalId ? 'id' : 'name',
          `与第${earlier}行是同一人（${externalId ? '编号' : '单位、姓名、联系电话'}相同）`,
          `same person as row ${earlier} (same ${externalId ? 'id' : 'unit, name and phone'})`,
        );

      if (issues.length > before || !unit || !name) continue;
      memberKeys.set(key, row.rowNumber);
      members.push({
        sheet: sheet.name,
        row: row.rowNumber,
        externalId,
        unitCode: unit.code,
        gridCode,
        name,
        roles: [...roles],
        isSectionCadre,
        post,
        phone,
        publicContact,
        email,
        public: isPublic,
        present: Object.keys(header.columns) as MemberField[],
      });
    }
  }

  const sheetOrder = new Map(sheets.map((s, i) => [s.name, i]));
  issues.sort((a, b) => (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || a.row - b.row);
  return { grids: goodGrids, members, issues };
}
