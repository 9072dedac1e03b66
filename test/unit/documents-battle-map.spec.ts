import { battleMapDocument } from '../../api/battle-map/battle-map.document';
import {
  assessmentDocument,
  printedBasis,
  unitAssessmentDocument,
} from '../../api/assessment/assessment.document';
import { assessUnit } from '../../domain/duties/assessment/assessment';
import {
  assembleBattleMap,
  timetable,
  type BattleMapIssueRow,
  type BattleMapRows,
} from '../../domain/duties/battle-map/battle-map';
import { DEFAULT_DUTY_POLICY } from '../../domain/duties/duty-policy';
import { shanghaiInstant } from '../../domain/duties/periods';

const AT = shanghaiInstant(2027, 3, 1, 9);

function issue(code: string, overrides: Partial<BattleMapIssueRow> = {}): BattleMapIssueRow {
  return {
    code,
    title: `问题${code}`,
    category: 'domestic_waste',
    categoryName: '城乡生活垃圾收集处理',
    severity: 'general',
    status: 'rectifying',
    township: 'T1',
    townshipName: '示范镇',
    village: '示范村',
    finderUnit: 'WRB',
    owner: 'T1',
    sectorOwner: 'ULE',
    territorialOwner: 'T1',
    deadline: null,
    overdue: false,
    escalationLevel: 0,
    countySupervision: false,
    plan: null,
    ...overrides,
  };
}

const plan = (
  timeLimit: string,
  milestones: Array<{ date: string; description: string; done?: boolean }> = [],
) => ({
  responsibleUnit: '示范镇人民政府',
  responsiblePerson: '王镇长',
  measures: '清运垃圾',
  timeLimit,
  target: '无垃圾堆放',
  milestones,
});

const member = (id: string, name: string, roles: string[], gridCode: string | null, extra: object = {}) => ({
  id,
  unitCode: 'T1',
  gridCode,
  name,
  roles,
  isSectionCadre: false,
  post: null,
  phone: '13800000000',
  publicContact: null,
  ...extra,
});

const rows: BattleMapRows = {
  unit: { code: 'T1', name: '示范镇', kind: 'township', parentCode: 'COUNTY' },
  members: [
    member('head', '甲网格长', ['grid_head'], null),
    member('deputy', '乙副网格长', ['grid_deputy'], null),
    member('leader', '丙负责人', ['grid_member', 'direct_leader'], 'V1', { isSectionCadre: true }),
    member('secretary', '丁第一书记', ['grid_member'], 'V1', { post: '驻村第一书记' }),
    member('branch', '戊支书', ['village_member'], 'V1', { unitCode: 'V-01', post: '支部书记' }),
    member('ranger', '己护林员', ['public_welfare'], 'V1-P1', { unitCode: 'V-01', post: '护林员' }),
    member('v2', '庚网格员', ['grid_member'], 'V2'),
    member('clerk', '辛文员', ['office_staff'], null),
  ],
  grids: [
    {
      code: 'V2',
      unitCode: 'T1',
      name: '二村网格',
      kind: 'village',
      parentGridCode: null,
      village: '二村',
      description: '',
    },
    {
      code: 'V1-P1',
      unitCode: 'T1',
      name: '一村河边片区',
      kind: 'sub_area',
      parentGridCode: 'V1',
      village: '一村',
      description: '',
    },
    {
      code: 'V1',
      unitCode: 'T1',
      name: '一村网格',
      kind: 'village',
      parentGridCode: null,
      village: '一村',
      description: '',
    },
  ],
  keyPoints: [
    { id: 'kp1', gridCode: 'V1', name: '一村水源地', lat: 25.93, lng: 108.52, description: '饮用水水源' },
  ],
  categories: [],
  issues: [
    issue('I-LATE', { plan: plan('2027-04-30'), owner: 'ULE' }),
    issue('I-SOON', {
      plan: plan('2027-03-10', [
        { date: '2027-03-05', description: '清运完成', done: true },
        { date: '2027-03-10', description: '验收' },
      ]),
    }),
    issue('I-PAST', { plan: plan('2027-02-20'), escalationLevel: 1 }),
    issue('I-NOPLAN', { status: 'accepted', deadline: shanghaiInstant(2027, 3, 5, 17) }),
    issue('I-UNDATED', { status: 'reported', owner: null }),
    issue('I-CLOSED', { status: 'archived', plan: plan('2027-01-10') }),
    issue('I-ELSEWHERE', { owner: 'WRB', sectorOwner: 'WRB', territorialOwner: 'T2' }),
  ],
};

const map = assembleBattleMap(rows, DEFAULT_DUTY_POLICY, AT);

describe('timetable', () => {
  it('P9: an issue offered to the 行业主管部门 but not yet accepted is not on its timetable; accepted, it is', () => {
    const offered = issue('I-OFFERED', { status: 'transferred', owner: null, sectorOwner: 'ULE' });
    expect(timetable('ULE', [offered], AT)).toEqual([]);
    // The township carries it from the report (L6), accepted or not.
    expect(timetable(offered.territorialOwner, [offered], AT).map((e) => e.code)).toEqual(['I-OFFERED']);
    const accepted = { ...offered, status: 'accepted' as const, owner: 'ULE' };
    expect(timetable('ULE', [accepted], AT).map((e) => [e.code, e.roles])).toEqual([
      ['I-OFFERED', ['owner', 'sector_owner']],
    ]);
  });
});

describe('assembleBattleMap', () => {
  it('P9: the organisation: heads, deputies, and everyone else by grid with roles and posts', () => {
    expect(map.organisation.heads.map((p) => p.name)).toEqual(['甲网格长']);
    expect(map.organisation.heads[0].roleLabels).toEqual(['网格长']);
    expect(map.organisation.deputies.map((p) => p.name)).toEqual(['乙副网格长']);
    expect(map.organisation.others.map((p) => p.name)).toEqual(['辛文员']);
    const v1 = map.grids.find((g) => g.code === 'V1')!;
    expect(v1.directLeader?.name).toBe('丙负责人');
    // The village's 支部书记 belongs to the village unit but works in the township's grid.
    expect(v1.members.map((p) => p.name).sort()).toEqual(['丁第一书记', '丙负责人', '戊支书'].sort());
    expect(v1.members.find((p) => p.id === 'branch')).toMatchObject({
      post: '支部书记',
      roleLabels: ['村级网格员'],
    });
  });

  it('P9: the grid division: grids in code order, 分片 under their village grid, key points with coordinates', () => {
    expect(map.grids.map((g) => g.code)).toEqual(['V1', 'V2']);
    const v1 = map.grids[0];
    expect(v1.kindLabel).toBe('村级网格');
    expect(v1.subAreas.map((g) => [g.code, g.kindLabel, g.members.map((p) => p.name)])).toEqual([
      ['V1-P1', '分片网格', ['己护林员']],
    ]);
    expect(v1.keyPoints).toEqual([
      { id: 'kp1', name: '一村水源地', lat: 25.93, lng: 108.52, description: '饮用水水源' },
    ]);
    expect(map.grids[1].directLeader).toBeNull();
  });

  it('P9: the duties: a township answers for its territory; the standing duties carry the policy’s numbers', () => {
    expect(map.duties.statement).toContain('属地');
    expect(map.duties.categories).toEqual([]);
    expect(map.duties.standing).toEqual(
      expect.arrayContaining([
        '每个网格每周巡查不少于1次（P1）',
        '每个重点监控区域、点位每月全覆盖不少于2次（P1）',
        '每周三12:00前向县环委办报送经审定的巡查简报和问题台账（P3）',
      ]),
    );
    const custom = assembleBattleMap(rows, { ...DEFAULT_DUTY_POLICY, patrolsPerWeek: 2 }, AT);
    expect(custom.duties.standing[0]).toBe('每个网格每周巡查不少于2次（P1）');
  });

  it('P9: the timetable lists the open issues the unit carries, soonest time limit first, undated last', () => {
    expect(map.timetable.map((e) => e.code)).toEqual(['I-PAST', 'I-NOPLAN', 'I-SOON', 'I-LATE', 'I-UNDATED']);
    const soon = map.timetable.find((e) => e.code === 'I-SOON')!;
    expect(soon).toMatchObject({
      responsibleUnit: '示范镇人民政府',
      responsiblePerson: '王镇长',
      timeLimit: '2027-03-10',
      dueAt: '2027-03-10T16:00:00.000Z',
      roles: ['owner', 'territorial_owner'],
      overdue: false,
    });
    expect(soon.milestones).toHaveLength(2);
    // Carried as 属地乡镇 only: owned by another unit, still on this unit's map (L6).
    expect(map.timetable.find((e) => e.code === 'I-LATE')!.roles).toEqual(['territorial_owner']);
  });

  it('P9: an issue past its 五定 time limit is overdue on the map even before the escalation flag is written', () => {
    const past = map.timetable.find((e) => e.code === 'I-PAST')!;
    expect(past).toMatchObject({ overdue: true, escalationLevel: 1 });
    expect(timetable('T1', [issue('X', { overdue: true })], AT)[0].overdue).toBe(true);
  });
});

describe('printable documents of P7 and P9', () => {
  it('P9: the 作战图 document has the organisation, duties, grids, key points and timetable', () => {
    const doc = battleMapDocument(map);
    expect(doc.title).toBe('示范镇网格监管作战图');
    expect(doc.sections.map((s) => s.heading)).toEqual([
      '一、组织体系',
      '二、工作职责',
      '三、网格划分',
      '四、重点监控区域和点位',
      '五、问题整改时间表',
    ]);
    const org = doc.sections[0].table!;
    expect(org.rows[0]).toEqual(['网格长', '甲网格长', '网格长', '', '', '13800000000']);
    expect(org.rows.some((r) => r[0] === '直接负责人' && r[1] === '丙负责人' && r[4] === '一村网格')).toBe(
      true,
    );
    const grids = doc.sections[2].table!;
    expect(grids.rows.map((r) => r[2])).toEqual(['一村网格', '└ 一村河边片区', '二村网格']);
    expect(grids.rows[2][5]).toBe('（未设）');
    expect(doc.sections[3].table!.rows[0]).toEqual([
      1,
      '一村水源地',
      '一村网格',
      25.93,
      108.52,
      '饮用水水源',
    ]);
    const table = doc.sections[4].table!;
    expect(table.columns).toContain('整改时限');
    const soon = table.rows.find((r) => r[1] === 'I-SOON')!;
    expect(soon.slice(5, 13)).toEqual([
      '整改中',
      '整改责任单位、属地乡镇',
      '示范镇人民政府',
      '王镇长',
      '2027-03-10',
      '2027-03-05 清运完成（已完成）；2027-03-10 验收',
      '否',
      '无',
    ]);
    expect(table.rows.find((r) => r[1] === 'I-NOPLAN')![9]).toBe('2027-03-05（办理时限）');
  });

  it('P7: the assessment documents print every score (不评定 where nothing was judged), and each count with its basis', () => {
    const unit = assessUnit(
      { code: 'T1', name: '示范镇', kind: 'township' },
      2027,
      AT,
      {
        issues: [],
        patrols: [],
        grids: [],
        keyPoints: [],
        consultations: [],
        findings: [],
        reports: [],
      },
      DEFAULT_DUTY_POLICY,
    );
    const all = assessmentDocument(2027, new Date(unit.asOf), [unit]);
    expect(all.sections[1].table!.rows).toEqual([
      [1, '示范镇', '乡镇（街道）', '不评定', '不评定', 0, '不评定', '由考核组评定'],
    ]);
    expect(all.sections[0].paragraphs!.join('')).toContain('不计算总分');
    const one = unitAssessmentDocument(unit);
    expect(one.sections.map((s) => s.heading)).toEqual([
      '一、说明',
      '二、（1）主动发现和报告问题：不评定',
      '三、（2）问题整改和销号：不评定',
      '四、（3）网格运行顺畅程度：0 分',
      '五、（4）材料报送及时性：不评定',
      '六、（5）创新工作',
    ]);
    expect(one.sections[3].table!.rows).toContainEqual(['应会商月数', 2, '2027-01、2027-02']);
    expect(printedBasis(['a', 'b', 'c'], 2)).toBe('a、b 等3项（完整清单见 JSON 接口）');
  });
});
