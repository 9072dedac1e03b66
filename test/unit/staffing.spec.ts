import type { MemberRole } from '../../domain/organisation/roles';
import type {
  OrganisationGrid,
  OrganisationMember,
  OrganisationUnit,
} from '../../domain/organisation/organisation.types';
import { checkStaffing, type StaffingInput } from '../../domain/organisation/staffing';

let nextId = 0;
function member(
  unitCode: string,
  roles: MemberRole[],
  extra: Partial<OrganisationMember> = {},
): OrganisationMember {
  nextId++;
  return {
    id: `m${nextId}`,
    unitCode,
    gridCode: null,
    name: `成员${nextId}`,
    roles,
    isSectionCadre: false,
    post: null,
    active: true,
    ...extra,
  };
}

/** A small county that satisfies G1–G4: one department with one grid, one township with a village grid and a 分片. */
function compliant(): StaffingInput {
  const units: OrganisationUnit[] = [
    { code: 'COUNTY', name: '榕江县人民政府', kind: 'county_government', parentCode: null },
    { code: 'WRB', name: '县水务局', kind: 'department', parentCode: 'COUNTY' },
    { code: 'T1', name: '古州镇', kind: 'township', parentCode: 'COUNTY' },
    { code: 'V1', name: '高增村', kind: 'village', parentCode: 'T1' },
  ];
  const grids: OrganisationGrid[] = [
    { code: 'WRB-1', unitCode: 'WRB', name: '河道网格', kind: 'sector', parentGridCode: null, village: null },
    {
      code: 'T1-V1',
      unitCode: 'T1',
      name: '高增村网格',
      kind: 'village',
      parentGridCode: null,
      village: '高增村',
    },
    {
      code: 'T1-V1-P1',
      unitCode: 'T1',
      name: '河边片区',
      kind: 'sub_area',
      parentGridCode: 'T1-V1',
      village: '高增村',
    },
  ];
  const members: OrganisationMember[] = [
    member('COUNTY', ['chief']),
    member('COUNTY', ['deputy_chief']),
    member('COUNTY', ['liaison']),
    member('WRB', ['sector_head']),
    member('WRB', ['sector_deputy']),
    member('WRB', ['grid_member', 'direct_leader'], { gridCode: 'WRB-1', isSectionCadre: true }),
    member('WRB', ['grid_member'], { gridCode: 'WRB-1' }),
    member('WRB', ['grid_member'], { gridCode: 'WRB-1' }),
    member('T1', ['grid_head']),
    member('T1', ['grid_deputy']),
    member('T1', ['grid_member', 'direct_leader'], { gridCode: 'T1-V1', isSectionCadre: true }),
    member('T1', ['grid_member'], { gridCode: 'T1-V1', post: '驻村第一书记' }),
    member('T1', ['grid_member'], { gridCode: 'T1-V1', post: '驻村干部' }),
    member('V1', ['village_member'], { gridCode: 'T1-V1', post: '支部书记' }),
    member('V1', ['public_welfare'], { gridCode: 'T1-V1-P1', post: '护林员' }),
  ];
  return { units, grids, members };
}

const codes = (input: StaffingInput) =>
  checkStaffing(input).map((f) => [f.rule, f.unitCode, f.gridCode ?? null, f.code]);

const without = (input: StaffingInput, drop: (m: OrganisationMember) => boolean): StaffingInput => ({
  ...input,
  members: input.members.filter((m) => !drop(m)),
});

describe('checkStaffing', () => {
  it('finds nothing wrong with a compliant organisation', () => {
    expect(checkStaffing(compliant())).toEqual([]);
  });

  it('G1: the county has exactly one 总网格长, one 副总网格长 and one 联络员', () => {
    const base = compliant();
    expect(codes(without(base, (m) => m.roles.includes('chief')))).toEqual([
      ['G1', 'COUNTY', null, 'role_count'],
    ]);
    const twoDeputies = { ...base, members: [...base.members, member('COUNTY', ['deputy_chief'])] };
    const [finding] = checkStaffing(twoDeputies);
    expect(finding).toMatchObject({ rule: 'G1', unitCode: 'COUNTY', code: 'role_count' });
    expect(finding?.message).toBe('榕江县人民政府：应设副总网格长1名，现有2名');
    expect(codes(without(base, (m) => m.roles.includes('liaison')))).toEqual([
      ['G1', 'COUNTY', null, 'role_count'],
    ]);
    // An inactive holder does not count.
    const inactive = {
      ...base,
      members: base.members.map((m) => (m.roles.includes('chief') ? { ...m, active: false } : m)),
    };
    expect(codes(inactive)).toEqual([['G1', 'COUNTY', null, 'role_count']]);
  });

  it('G2: a department has one 分网格长, one 副分网格长, a grid, and ≥3 网格员 led by a 科级干部', () => {
    const base = compliant();
    expect(codes(without(base, (m) => m.roles.includes('sector_head')))).toEqual([
      ['G2', 'WRB', null, 'role_count'],
    ]);
    expect(codes(without(base, (m) => m.roles.includes('sector_deputy')))).toEqual([
      ['G2', 'WRB', null, 'role_count'],
    ]);
    const noGrid = {
      ...without(base, (m) => m.gridCode === 'WRB-1'),
      grids: base.grids.filter((g) => g.code !== 'WRB-1'),
    };
    expect(codes(noGrid)).toEqual([['G2', 'WRB', null, 'no_grid']]);

    const dropped = base.members.find((m) => m.gridCode === 'WRB-1' && !m.roles.includes('direct_leader'));
    const twoMembers = without(base, (m) => m === dropped);
    const [few] = checkStaffing(twoMembers);
    expect(few).toMatchObject({
      rule: 'G2',
      unitCode: 'WRB',
      gridCode: 'WRB-1',
      code: 'grid_members_too_few',
    });
    expect(few?.message).toBe('县水务局「河道网格」：网格员不少于3人，现有2人');

    const notCadre = {
      ...base,
      members: base.members.map((m) =>
        m.gridCode === 'WRB-1' && m.roles.includes('direct_leader') ? { ...m, isSectionCadre: false } : m,
      ),
    };
    expect(codes(notCadre)).toEqual([['G2', 'WRB', 'WRB-1', 'grid_direct_leader_not_section_cadre']]);

    const noLeader = {
      ...base,
      members: base.members.map((m) =>
        m.gridCode === 'WRB-1' && m.roles.includes('direct_leader')
          ? { ...m, roles: ['grid_member' as const] }
          : m,
      ),
    };
    expect(codes(noLeader)).toEqual([['G2', 'WRB', 'WRB-1', 'grid_no_direct_leader']]);
  });

  it('G3: a township has one 网格长 and one 副网格长; a village grid has ≥3 网格员 with 科级干部, 驻村第一书记, 驻村干部', () => {
    const base = compliant();
    expect(codes(without(base, (m) => m.roles.includes('grid_head')))).toEqual([
      ['G3', 'T1', null, 'role_count'],
    ]);
    expect(codes(without(base, (m) => m.roles.includes('grid_deputy')))).toEqual([
      ['G3', 'T1', null, 'role_count'],
    ]);
    expect(codes(without(base, (m) => m.post === '驻村第一书记'))).toEqual([
      ['G3', 'T1', 'T1-V1', 'grid_members_too_few'],
      ['G3', 'T1', 'T1-V1', 'grid_no_first_secretary'],
    ]);
    // Enough people, but the stationed cadre is missing: still a breach.
    const replaced = {
      ...base,
      members: base.members.map((m) => (m.post === '驻村干部' ? { ...m, post: null } : m)),
    };
    expect(codes(replaced)).toEqual([['G3', 'T1', 'T1-V1', 'grid_no_stationed_cadre']]);
    const notCadre = {
      ...base,
      members: base.members.map((m) =>
        m.gridCode === 'T1-V1' && m.roles.includes('direct_leader') ? { ...m, isSectionCadre: false } : m,
      ),
    };
    expect(codes(notCadre)).toEqual([['G3', 'T1', 'T1-V1', 'grid_direct_leader_not_section_cadre']]);
    const noVillageGrid = {
      ...base,
      grids: base.grids.filter((g) => g.unitCode !== 'T1'),
      members: base.members.filter((m) => !m.gridCode?.startsWith('T1-')),
    };
    // Its village unit is then a village without a grid, too.
    expect(codes(noVillageGrid)).toEqual([
      ['G3', 'T1', null, 'no_grid'],
      ['G3', 'T1', null, 'village_no_grid'],
    ]);
  });

  it('G4: a village’s 支部书记 is its 村级网格员, and each 分片 is covered by village cadres or public-welfare posts', () => {
    const base = compliant();
    expect(codes(without(base, (m) => m.post === '支部书记'))).toEqual([
      ['G4', 'T1', 'T1-V1', 'village_no_branch_secretary'],
    ]);
    // A 村级网格员 who is not the 支部书记 does not satisfy it.
    const notSecretary = {
      ...base,
      members: base.members.map((m) => (m.post === '支部书记' ? { ...m, post: '村主任' } : m)),
    };
    expect(codes(notSecretary)).toEqual([['G4', 'T1', 'T1-V1', 'village_no_branch_secretary']]);
    expect(codes(without(base, (m) => m.post === '护林员'))).toEqual([
      ['G4', 'T1', 'T1-V1-P1', 'sub_area_uncovered'],
    ]);
    // A plain 网格员 is neither a village cadre nor a public-welfare post.
    const plain = {
      ...base,
      members: base.members.map((m) =>
        m.post === '护林员' ? { ...m, roles: ['grid_member' as const], post: null } : m,
      ),
    };
    expect(codes(plain)).toEqual([['G4', 'T1', 'T1-V1-P1', 'sub_area_uncovered']]);
    const cadreCovers = {
      ...base,
      members: base.members.map((m) => (m.post === '护林员' ? { ...m, roles: [], post: '村主任' } : m)),
    };
    expect(checkStaffing(cadreCovers)).toEqual([]);
    const orphan = {
      ...base,
      grids: base.grids.map((g) => (g.code === 'T1-V1-P1' ? { ...g, parentGridCode: 'WRB-1' } : g)),
    };
    expect(codes(orphan)).toEqual([['G4', 'T1', 'T1-V1-P1', 'sub_area_parent_invalid']]);
  });

  it('G6: the report lists every breach of G1–G4 with its unit and grid', () => {
    const base = compliant();
    const broken: StaffingInput = {
      units: [...base.units, { code: 'AGR', name: '县农业农村局', kind: 'department', parentCode: 'COUNTY' }],
      grids: [
        ...base.grids,
        {
          code: 'T1-V2',
          unitCode: 'V1',
          name: '二组网格',
          kind: 'village',
          parentGridCode: null,
          village: '高增村',
        },
      ],
      members: base.members.filter(
        (m) => !m.roles.includes('liaison') && !m.roles.includes('grid_deputy') && m.post !== '护林员',
      ),
    };
    const findings = checkStaffing(broken);
    expect(findings.map((f) => [f.rule, f.unitCode, f.gridCode ?? null, f.code])).toEqual([
      ['G1', 'COUNTY', null, 'role_count'],
      ['G2', 'AGR', null, 'role_count'],
      ['G2', 'AGR', null, 'role_count'],
      ['G2', 'AGR', null, 'no_grid'],
      ['G3', 'T1', null, 'role_count'],
      ['G4', 'T1', 'T1-V1-P1', 'sub_area_uncovered'],
      // A grid recorded against a village counts as its township's.
      ['G3', 'T1', 'T1-V2', 'grid_members_too_few'],
      ['G3', 'T1', 'T1-V2', 'grid_no_direct_leader'],
      ['G3', 'T1', 'T1-V2', 'grid_no_first_secretary'],
      ['G3', 'T1', 'T1-V2', 'grid_no_stationed_cadre'],
      ['G4', 'T1', 'T1-V2', 'village_no_branch_secretary'],
    ]);
    for (const finding of findings) {
      expect(finding.message).toMatch(/[\u4e00-\u9fff]/);
      if (finding.gridCode) expect(finding.message).toContain('「');
    }
    expect(findings.find((f) => f.gridCode === 'T1-V2')?.message).toBe(
      '古州镇「二组网格」：网格员不少于3人，现有0人',
    );
  });
});
