import {
  areaWithin,
  baseUnitOf,
  checkArea,
  placePoint,
  type AreaGeometry,
  type PlacementGrid,
} from '../../domain/organisation/grid-area';
import { applyAreaFile, nestingBreaches, parseAreaFile } from '../../domain/organisation/import-areas';
import { parseOrganisationSheets, type RawSheet } from '../../domain/organisation/import';
import { checkStaffing } from '../../domain/organisation/staffing';
import { blankIssueState } from '../../domain/issue/lifecycle/start';
import { ladderAudiences } from '../../domain/issue/lifecycle/obligations';
import { DEFAULT_DEADLINE_POLICY, ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import type { OrganisationUnitKind } from '../../domain/organisation/organisation.types';

const box = (south: number, west: number, north: number, east: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

const units = new Map<string, { kind: OrganisationUnitKind; parentCode: string | null }>([
  ['T1', { kind: 'township', parentCode: 'COUNTY' }],
  ['V1', { kind: 'village', parentCode: 'T1' }],
  ['PARK', { kind: 'park', parentCode: 'COUNTY' }],
  ['WRB', { kind: 'department', parentCode: 'COUNTY' }],
]);

const grid = (
  code: string,
  unitCode: string,
  area: AreaGeometry,
  kind: PlacementGrid['kind'] = 'village',
) => ({
  code,
  kind,
  unitCode,
  baseUnitCode: baseUnitOf(unitCode, units),
  area,
});

describe('grid areas (定区域)', () => {
  it('G7: an area is a closed, non-self-intersecting Polygon or MultiPolygon in WGS-84', () => {
    expect(checkArea(box(25.9, 108.49, 25.96, 108.55), 'boundary').area?.type).toBe('Polygon');
    expect(
      checkArea({ type: 'Feature', properties: {}, geometry: box(25.9, 108.49, 25.96, 108.55) }, 'b').area,
    ).toEqual(box(25.9, 108.49, 25.96, 108.55));
    const problem = (value: unknown) => checkArea(value, 'boundary').problem?.code;
    expect(problem({ type: 'Point', coordinates: [108.5, 25.9] })).toBe('not-polygon');
    expect(problem('POLYGON((0 0))')).toBe('not-polygon');
    expect(
      problem({
        type: 'Polygon',
        coordinates: [
          [
            [108.49, 25.9],
            [108.55, 25.9],
            [108.55, 25.96],
            [108.49, 25.96],
          ],
        ],
      }),
    ).toBe('ring-not-closed');
    expect(
      problem({
        type: 'Polygon',
        coordinates: [
          [
            [108.49, 25.9],
            [108.55, 25.9],
            [108.49, 25.9],
          ],
        ],
      }),
    ).toBe('ring-too-short');
    expect(
      problem({
        type: 'Polygon',
        coordinates: [
          [
            [25.9, 200],
            [25.9, 108.5],
            [25.96, 108.5],
            [25.9, 200],
          ],
        ],
      }),
    ).toBe('bad-position');
    // A bow tie: the ring crosses itself.
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [108.49, 25.9],
          [108.55, 25.96],
          [108.55, 25.9],
          [108.49, 25.96],
          [108.49, 25.9],
        ],
      ],
    };
    const crossing = checkArea(bowTie, 'boundary').problem;
    expect(crossing?.code).toBe('self-intersecting');
    expect(crossing?.message).toMatch(/自相交/);
    expect(crossing?.field).toBe('boundary');
  });

  it('G7: a point is placed in the township or park grid whose area holds it, never in a sector grid or a 分片', () => {
    const grids = [
      grid('WRB-1', 'WRB', box(25.8, 108.4, 26.1, 108.7), 'sector'),
      grid('T1-V1', 'T1', box(25.9, 108.49, 25.96, 108.55)),
      grid('T1-V2', 'V1', box(25.96, 108.49, 26.02, 108.55)),
      grid('T1-V1-P1', 'T1', box(25.92, 108.5, 25.94, 108.52), 'sub_area'),
      grid('PARK-1', 'PARK', box(25.9, 108.55, 25.96, 108.61), 'sector'),
    ];
    expect(placePoint({ lat: 25.93, lng: 108.51 }, grids)?.code).toBe('T1-V1');
    // A village unit's grid counts for its township.
    expect(placePoint({ lat: 25.99, lng: 108.52 }, grids)).toMatchObject({
      code: 'T1-V2',
      baseUnitCode: 'T1',
    });
    expect(placePoint({ lat: 25.93, lng: 108.58 }, grids)).toMatchObject({
      code: 'PARK-1',
      baseUnitCode: 'PARK',
    });
    // Inside the department's sector grid only: no territorial grid holds it.
    expect(placePoint({ lat: 25.85, lng: 108.45 }, grids)).toBeUndefined();
    // On the shared border of two neighbours: the first by code, the same every time.
    expect(placePoint({ lat: 25.96, lng: 108.52 }, grids)?.code).toBe('T1-V1');
  });

  it('G7: a grid lies inside its parent: a 分片 in its village grid, a grid in its unit’s territory', () => {
    expect(areaWithin(box(25.92, 108.5, 25.94, 108.52), box(25.9, 108.49, 25.96, 108.55))).toBe(true);
    // Sharing the parent's border is inside.
    expect(areaWithin(box(25.9, 108.49, 25.96, 108.55), box(25.9, 108.49, 26.02, 108.55))).toBe(true);
    const breaches = nestingBreaches(
      [
        {
          code: 'V1',
          unitCode: 'T1',
          kind: 'village',
          parentGridCode: null,
          area: box(25.9, 108.49, 25.96, 108.6),
        },
        {
          code: 'P1',
          unitCode: 'T1',
          kind: 'sub_area',
          parentGridCode: 'V1',
          area: box(25.95, 108.5, 25.97, 108.52),
        },
        { code: 'V2', unitCode: 'T2', kind: 'village', parentGridCode: null, area: box(0, 0, 1, 1) },
      ],
      new Map([['T1', box(25.9, 108.49, 26.02, 108.55)]]),
    );
    expect(breaches).toEqual([
      { grid: 'V1', parent: 'T1' },
      { grid: 'P1', parent: 'V1' },
    ]);
  });

  it('G7: areas come in a 区域 column of the grids sheet or a GeoJSON FeatureCollection keyed by grid code', () => {
    const sheet: RawSheet = {
      name: '网格',
      rows: [
        { rowNumber: 1, cells: ['单位', '网格编号', '网格名称', '区域'] },
        {
          rowNumber: 2,
          cells: ['T1', 'T1-V1', '一村网格', JSON.stringify(box(25.9, 108.49, 25.96, 108.55))],
        },
        {
          rowNumber: 3,
          cells: ['T1', 'T1-V2', '二村网格', '{"type":"Polygon","coordinates":[[[1,1],[2,2]]]}'],
        },
        { rowNumber: 4, cells: ['T1', 'T1-V3', '三村网格', ''] },
      ],
    };
    const context = {
      units: [{ code: 'T1', name: '古州镇', kind: 'township' as const, parentCode: 'COUNTY' }],
      grids: [],
    };
    const parsed = parseOrganisationSheets([sheet], context);
    expect(parsed.issues).toEqual([expect.objectContaining({ sheet: '网格', row: 3, field: '区域' })]);
    const good = parseOrganisationSheets(
      [{ ...sheet, rows: sheet.rows.filter((r) => r.rowNumber !== 3) }],
      context,
    );
    expect(good.grids.map((g) => [g.code, g.boundary?.type ?? null])).toEqual([
      ['T1-V1', 'Polygon'],
      ['T1-V3', null],
    ]);

    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'T1-V3' }, geometry: box(25.96, 108.49, 26.02, 108.55) },
        { type: 'Feature', properties: { unit: 'T1' }, geometry: box(25.9, 108.49, 26.02, 108.55) },
        { type: 'Feature', properties: { code: 'T1-V1' }, geometry: box(25.9, 108.49, 25.96, 108.55) },
        { type: 'Feature', properties: { code: 'NOWHERE' }, geometry: box(25.9, 108.49, 25.96, 108.55) },
        { type: 'Feature', properties: {}, geometry: box(25.9, 108.49, 25.96, 108.55) },
      ],
    });
    const { file, issues } = parseAreaFile('areas.geojson', text);
    expect(issues).toEqual([expect.objectContaining({ row: 5, field: 'properties.code' })]);
    const applied = applyAreaFile('areas.geojson', file, good.grids, {
      grids: new Set(),
      units: new Set(['T1']),
    });
    // T1-V1 has its area in the sheet already; NOWHERE is no grid.
    expect(applied.issues.map((i) => [i.row, i.message])).toEqual([
      [3, expect.stringMatching(/已在网格第2行填写/)],
      [4, '网格“NOWHERE”不存在'],
    ]);
    expect([...applied.gridAreas.keys()].sort()).toEqual(['T1-V1', 'T1-V3']);
    expect([...applied.unitAreas.keys()]).toEqual(['T1']);
    expect(parseAreaFile('x.geojson', '{"type":"Feature"}').issues[0].message).toMatch(/FeatureCollection/);
  });

  it('G7 and G3: the staffing report flags grids without an area and villages without a grid', () => {
    const findings = checkStaffing({
      units: [
        { code: 'T1', name: '古州镇', kind: 'township', parentCode: 'COUNTY' },
        { code: 'V1', name: '一村', kind: 'village', parentCode: 'T1' },
        { code: 'V2', name: '二村', kind: 'village', parentCode: 'T1' },
      ],
      grids: [
        {
          code: 'G1',
          unitCode: 'T1',
          name: '一村网格',
          kind: 'village',
          parentGridCode: null,
          village: '一村',
          hasArea: true,
        },
        {
          code: 'G2',
          unitCode: 'T1',
          name: '三村网格',
          kind: 'village',
          parentGridCode: null,
          village: '三村',
          hasArea: false,
        },
        {
          code: 'G2-P',
          unitCode: 'T1',
          name: '片区',
          kind: 'sub_area',
          parentGridCode: 'G2',
          village: null,
          hasArea: false,
        },
      ],
      members: [],
    });
    expect(findings.filter((f) => f.code === 'grid_no_area').map((f) => [f.rule, f.gridCode])).toEqual([
      ['G7', 'G2'],
    ]);
    expect(findings.filter((f) => f.code === 'village_no_grid').map((f) => [f.rule, f.message])).toEqual([
      ['G3', '二村：未划分为网格（原则上以行政村（社区）为单位划分网格）'],
    ]);
  });
});

describe('ladder audiences with grid areas', () => {
  const input = (grid?: string) => ({
    code: '2027-000001',
    report: {
      title: '垃圾',
      description: '河边垃圾',
      category: 'domestic_waste',
      severity: 'general' as const,
      source: 'patrol' as const,
      township: 'T1',
      location: { lat: 25.93, lng: 108.51 },
      ...(grid ? { grid } : {}),
      finderUnit: 'T1',
      reportedBy: '网格员',
      evidence: [],
    },
    sectorOwner: 'ULE',
    territorialOwner: 'T1',
    definitionVersion: ISSUE_PROCESS.version,
    reportedAt: '2027-03-01T01:00:00.000Z',
  });
  const obligation = (unit: string) => ({
    id: 'rectification',
    kind: 'rectification' as const,
    unit,
    startedAt: '2027-03-01T01:00:00.000Z',
    due: '2027-03-05T15:59:59.999Z',
    step: -1,
  });

  it('G7 and L10: the grid’s 直接负责人, the department’s own grid at the point, and the 责任人 by member id', () => {
    const state = blankIssueState(input('T1-V1'), DEFAULT_DEADLINE_POLICY);
    state.plan = {
      responsibleUnit: '县综合行政执法局',
      responsiblePerson: '张三',
      responsibleMemberId: 'ule-zhang',
      measures: '清运',
      timeLimit: '2027-03-05',
      target: '无垃圾',
      milestones: [],
    };
    expect(ladderAudiences(state, obligation('ULE'), 0)).toEqual([
      {
        role: 'responsible_person',
        unit: 'ULE',
        name: '张三',
        memberId: 'ule-zhang',
        at: { lat: 25.93, lng: 108.51 },
      },
    ]);
    expect(ladderAudiences(state, obligation('ULE'), 1)).toEqual([
      { role: 'direct_leader', grid: 'T1-V1' },
      { role: 'direct_leader', unit: 'ULE', at: { lat: 25.93, lng: 108.51 } },
      { role: 'unit_head', unit: 'ULE' },
    ]);
    expect(ladderAudiences(state, obligation('T1'), 1)).toEqual([
      { role: 'direct_leader', grid: 'T1-V1' },
      { role: 'unit_head', unit: 'T1' },
    ]);
  });

  it('G7 and L10: an issue without a grid (recorded before areas) reaches whom it always did', () => {
    const state = blankIssueState(input(), DEFAULT_DEADLINE_POLICY);
    expect(ladderAudiences(state, obligation('T1'), 0)).toEqual([{ role: 'responsible_person', unit: 'T1' }]);
    expect(ladderAudiences(state, obligation('T1'), 1)).toEqual([
      { role: 'direct_leader', unit: 'T1' },
      { role: 'unit_head', unit: 'T1' },
    ]);
  });
});
