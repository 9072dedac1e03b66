import type { Polygon } from 'geojson';
import type { AreaGeometry } from '../../domain/organisation/grid-area';
import type { GridKind } from '../../domain/organisation/organisation.types';
import type { UnitKind } from '../entities/unit.entity';

export interface UnitSeed {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  demo: boolean;
  /** 州级对口部门 (L12); the seed document names the counterparts only as 州级对口部门, so these are the usual ones. */
  prefectureCounterpart?: string;
}

export interface MemberSeed {
  id: string;
  unitCode: string;
  name: string;
  roles: string[];
  email: string;
  gridCode?: string;
  /** 科级干部 */
  isSectionCadre?: boolean;
  /** 岗位 */
  post?: string;
  publicContact?: string;
}

export interface GridSeed {
  code: string;
  unitCode: string;
  name: string;
  kind: GridKind;
  parentGridCode: string | null;
  village: string | null;
  description: string;
  /** 定区域 (G7). */
  boundary: AreaGeometry;
}

export interface KeyPointSeed {
  id: string;
  gridCode: string;
  name: string;
  lat: number;
  lng: number;
  description: string;
}

export interface CategorySeed {
  code: string;
  name: string;
  ownerUnitCode: string;
  description: string;
}

/** The county-level units named by the implementation plan (榕府办发〔2022〕13号). Real, not demo. */
export const COUNTY_UNITS: UnitSeed[] = [
  { code: 'COUNTY', name: '榕江县人民政府', kind: 'county_government', parentCode: null, demo: false },
  {
    code: 'ECO',
    prefectureCounterpart: '州环委办',
    name: '县环委办',
    kind: 'office',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'EEB',
    prefectureCounterpart: '黔东南州生态环境局',
    name: '州生态环境局榕江分局',
    kind: 'department',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'DRC',
    prefectureCounterpart: '州发展改革委',
    name: '县发展改革局',
    kind: 'department',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'IIT',
    prefectureCounterpart: '州工业和信息化局',
    name: '县工信商务局',
    kind: 'department',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'NRB',
    prefectureCounterpart: '州自然资源局',
    name: '县自然资源局',
    kind: 'department',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'HUD',
    prefectureCounterpart: '州住房城乡建设局',
    name: '县住房城乡建设局',
    kind: 'department',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'ULE',
    prefectureCounterpart: '州综合行政执法局',
    name: '县综合行政执法局',
    kind: 'department',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'AGR',
    prefectureCounterpart: '州农业农村局',
    name: '县农业农村局',
    kind: 'department',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'WRB',
    prefectureCounterpart: '州水务局',
    name: '县水务局',
    kind: 'department',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'FOR',
    prefectureCounterpart: '州林业局',
    name: '县林业局',
    kind: 'department',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'HLT',
    prefectureCounterpart: '州卫生健康委',
    name: '县卫生健康局',
    kind: 'department',
    parentCode: 'COUNTY',
    demo: false,
  },
  {
    code: 'PARK',
    // G9: the park is a base unit with its own counterpart; 州工信局 guides the prefecture's industrial parks.
    prefectureCounterpart: '州工业和信息化局',
    name: '榕江工业园区管委会',
    kind: 'park',
    parentCode: 'COUNTY',
    demo: false,
  },
];

/** The default responsibility catalog of SPEC §2; editable later, so seeding never overwrites a row. */
export const RESPONSIBILITY_CATALOG: CategorySeed[] = [
  {
    code: 'pollution_supervision',
    name: '污染防治统一监督管理',
    ownerUnitCode: 'EEB',
    description: '环境污染问题排查、查处、督促整改',
  },
  {
    code: 'drinking_water_source',
    name: '集中式饮用水水源保护区',
    ownerUnitCode: 'EEB',
    description: '饮用水水源保护区生态环境问题',
  },
  {
    code: 'rural_black_odorous_water',
    name: '农村黑臭水体',
    ownerUnitCode: 'EEB',
    description: '农村黑臭水体排查与整治',
  },
  {
    code: 'industrial_enforcement',
    name: '工矿企业生态环境监督执法',
    ownerUnitCode: 'EEB',
    description: '查处工矿企业生态环境违法行为',
  },
  {
    code: 'two_high_projects',
    name: '“两高”项目',
    ownerUnitCode: 'DRC',
    description: '高耗能、高排放项目专项排查整治',
  },
  {
    code: 'backward_equipment',
    name: '淘汰落后设备及工艺',
    ownerUnitCode: 'IIT',
    description: '落后设备及工艺的排查与整改',
  },
  { code: 'mine_restoration', name: '矿山地质环境恢复治理', ownerUnitCode: 'NRB', description: '' },
  { code: 'mineral_resources', name: '矿产资源合理利用保护', ownerUnitCode: 'NRB', description: '' },
  { code: 'construction_land_soil', name: '建设用地土壤污染防控', ownerUnitCode: 'NRB', description: '' },
  { code: 'construction_dust', name: '建筑工地扬尘', ownerUnitCode: 'HUD', description: '建筑工地扬尘污染' },
  { code: 'domestic_waste', name: '城乡生活垃圾收集处理', ownerUnitCode: 'ULE', description: '' },
  { code: 'cooking_fumes', name: '餐厨油烟污染', ownerUnitCode: 'ULE', description: '' },
  { code: 'domestic_noise', name: '生活噪声', ownerUnitCode: 'ULE', description: '' },
  { code: 'open_burning', name: '县城规划区露天焚烧秸秆落叶', ownerUnitCode: 'ULE', description: '' },
  { code: 'illegal_fishing', name: '非法捕捞', ownerUnitCode: 'AGR', description: '' },
  { code: 'livestock_manure', name: '畜禽养殖粪污排放', ownerUnitCode: 'AGR', description: '' },
  { code: 'agricultural_waste', name: '农业废弃物处置', ownerUnitCode: 'AGR', description: '' },
  { code: 'farmland_soil', name: '耕地土壤污染', ownerUnitCode: 'AGR', description: '' },
  { code: 'agricultural_nonpoint', name: '农业面源污染', ownerUnitCode: 'AGR', description: '' },
  { code: 'river_sand_mining', name: '河道采砂', ownerUnitCode: 'WRB', description: '' },
  { code: 'soil_erosion', name: '水土流失', ownerUnitCode: 'WRB', description: '' },
  {
    code: 'sewage_treatment',
    name: '城乡生活污水收集管网及处理设施',
    ownerUnitCode: 'WRB',
    description: '建设和运行管理',
  },
  { code: 'urban_black_odorous_water', name: '县城黑臭水体', ownerUnitCode: 'WRB', description: '' },
  {
    code: 'river_shoreline',
    name: '河道岸线管理保护',
    ownerUnitCode: 'WRB',
    description: '分办、督办河长制巡查发现问题',
  },
  {
    code: 'nature_reserve_construction',
    name: '自然保护地内违建项目',
    ownerUnitCode: 'FOR',
    description: '',
  },
  {
    code: 'deforestation',
    name: '毁林占林',
    ownerUnitCode: 'FOR',
    description: '协调配合解决林长制巡查发现的问题',
  },
  { code: 'medical_waste', name: '医疗废物收集、贮存、处置', ownerUnitCode: 'HLT', description: '' },
  { code: 'park_infrastructure', name: '工业园区环保基础设施', ownerUnitCode: 'PARK', description: '' },
];

export interface ChiefPatrolRouteSeed {
  source: 'river_chief_patrol' | 'forest_chief_patrol';
  unitCode: string;
  duty: 'dispatch' | 'cooperate';
  description: string;
}

/**
 * L22: who takes the findings of the 河长制 and 林长制 patrols, as the plan's duties say (三(二)8, 9): 县水务局 分办、
 * 督办 the river chiefs' findings; 县林业局 协调配合 on the forest chiefs'.
 */
export const CHIEF_PATROL_ROUTES: ChiefPatrolRouteSeed[] = [
  {
    source: 'river_chief_patrol',
    unitCode: 'WRB',
    duty: 'dispatch',
    description: '县水务局分办、督办河长制巡查发现问题',
  },
  {
    source: 'forest_chief_patrol',
    unitCode: 'FOR',
    duty: 'cooperate',
    description: '县林业局协调配合责任单位解决林长制巡查发现的问题',
  },
];

/**
 * DEMO DATA: a few townships and villages so that a fresh install can be tried at once.
 * Every row has demo=true; before real data is imported they go, children first: `DELETE FROM members WHERE demo`,
 * then key_points, grids (分片 before village grids) and units, each `WHERE demo`.
 */
export const DEMO_UNITS: UnitSeed[] = [
  { code: 'T-GUZHOU', name: '古州镇（演示）', kind: 'township', parentCode: 'COUNTY', demo: true },
  { code: 'T-ZHONGCHENG', name: '忠诚镇（演示）', kind: 'township', parentCode: 'COUNTY', demo: true },
  { code: 'T-ZAIHAO', name: '寨蒿镇（演示）', kind: 'township', parentCode: 'COUNTY', demo: true },
  { code: 'T-CHEMIN', name: '车民街道（演示）', kind: 'township', parentCode: 'COUNTY', demo: true },
  { code: 'V-GUZHOU-01', name: '古州镇示范村（演示）', kind: 'village', parentCode: 'T-GUZHOU', demo: true },
  {
    code: 'V-ZHONGCHENG-01',
    name: '忠诚镇示范村（演示）',
    kind: 'village',
    parentCode: 'T-ZHONGCHENG',
    demo: true,
  },
];

/** The county departments (and the park's 管委会) that define sector grids (G2). */
const DEMO_SECTOR_UNITS = ['EEB', 'DRC', 'IIT', 'NRB', 'HUD', 'ULE', 'AGR', 'WRB', 'FOR', 'HLT', 'PARK'];

/** The demo townships, each with one village grid; the village unit where the demo has one. */
const DEMO_TOWNSHIP_VILLAGES: { township: string; village: string; villageUnit: string | null }[] = [
  { township: 'T-GUZHOU', village: '古州镇示范村（演示）', villageUnit: 'V-GUZHOU-01' },
  { township: 'T-ZHONGCHENG', village: '忠诚镇示范村（演示）', villageUnit: 'V-ZHONGCHENG-01' },
  { township: 'T-ZAIHAO', village: '寨蒿镇示范村（演示）', villageUnit: null },
  { township: 'T-CHEMIN', village: '车民街道示范社区（演示）', villageUnit: null },
];

/** A rectangle as a GeoJSON Polygon (WGS-84, counter-clockwise): the demo's areas are plain boxes. */
function box(south: number, west: number, north: number, east: number): Polygon {
  return {
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
  };
}

/**
 * DEMO DATA: plausible areas around 榕江县城 (古州镇, about 25.93°N 108.52°E). 古州镇's two village grids are
 * neighbours (they share the 25.96°N line); 车民街道 lies west, 寨蒿镇 north-west, 忠诚镇 south, the park east;
 * the departments' sector grids cover the whole demo county.
 */
export const DEMO_AREAS = {
  county: box(25.84, 108.43, 26.02, 108.61),
  townships: {
    'T-GUZHOU': box(25.9, 108.49, 26.02, 108.55),
    'T-CHEMIN': box(25.9, 108.43, 25.96, 108.49),
    'T-ZAIHAO': box(25.96, 108.43, 26.02, 108.49),
    'T-ZHONGCHENG': box(25.84, 108.43, 25.9, 108.55),
  } as Record<string, Polygon>,
  park: box(25.9, 108.55, 25.96, 108.61),
  guzhouSecondVillage: box(25.96, 108.49, 26.02, 108.55),
  guzhouSubArea: box(25.92, 108.5, 25.94, 108.52),
};

/** A demo township's village grid: the township's area, except 古州镇 whose north half is its second village. */
const demoVillageArea = (township: string): Polygon =>
  township === 'T-GUZHOU' ? box(25.9, 108.49, 25.96, 108.55) : DEMO_AREAS.townships[township];

function demoSectorGridCode(unit: string): string {
  return `DEMO-${unit}-01`;
}

function demoVillageGridCode(township: string): string {
  return `DEMO-${township}-V01`;
}

/** The one deliberately non-compliant demo grid (G6 has something to show): 2 网格员, no 直接负责人, no 支部书记. */
export const DEMO_NONCOMPLIANT_GRID = 'DEMO-T-GUZHOU-V02';

/**
 * DEMO DATA: one compliant sector grid per department, one compliant village grid per demo township, a 分片 of the
 * 古州镇 village grid, and the non-compliant grid above. Every row has demo=true.
 */
export const DEMO_GRIDS: GridSeed[] = [
  ...DEMO_SECTOR_UNITS.map((unit) => ({
    code: demoSectorGridCode(unit),
    unitCode: unit,
    name: `${COUNTY_UNITS.find((u) => u.code === unit)?.name ?? unit}行业网格一（演示）`,
    kind: 'sector' as const,
    parentGridCode: null,
    village: null,
    description: '演示数据：本行业领域监管网格',
    boundary: unit === 'PARK' ? DEMO_AREAS.park : DEMO_AREAS.county,
  })),
  ...DEMO_TOWNSHIP_VILLAGES.map(({ township, village }) => ({
    code: demoVillageGridCode(township),
    unitCode: township,
    name: `${village}网格`,
    kind: 'village' as const,
    parentGridCode: null,
    village,
    description: '演示数据：以行政村（社区）为单位划分的网格',
    boundary: demoVillageArea(township),
  })),
  {
    code: 'DEMO-T-GUZHOU-V01-P1',
    unitCode: 'T-GUZHOU',
    name: '古州镇示范村河边片区（演示）',
    kind: 'sub_area',
    parentGridCode: demoVillageGridCode('T-GUZHOU'),
    village: '古州镇示范村（演示）',
    description: '演示数据：村级网格的分片，由护林员、保洁员包保',
    boundary: DEMO_AREAS.guzhouSubArea,
  },
  {
    code: DEMO_NONCOMPLIANT_GRID,
    unitCode: 'T-GUZHOU',
    name: '古州镇演示二村网格（演示·人员不足）',
    kind: 'village',
    parentGridCode: null,
    village: '古州镇演示二村（演示）',
    description:
      '演示数据：故意不合规（网格员不足3人、无直接负责人、无驻村第一书记、无支部书记），供合规报告展示',
    boundary: DEMO_AREAS.guzhouSecondVillage,
  },
];

/** DEMO DATA: 重点监控区域、点位 of two demo grids. */
export const DEMO_KEY_POINTS: KeyPointSeed[] = [
  {
    id: 'demo-kp-wrb-01',
    gridCode: demoSectorGridCode('WRB'),
    name: '车江大坝下游河段（演示）',
    lat: 25.9386,
    lng: 108.5007,
    description: '演示数据：河道采砂重点监控河段',
  },
  {
    id: 'demo-kp-guzhou-01',
    gridCode: demoVillageGridCode('T-GUZHOU'),
    name: '示范村饮用水水源地（演示）',
    lat: 25.9317,
    lng: 108.5213,
    description: '演示数据：村级饮用水水源保护区',
  },
];

/**
 * DEMO DATA: one person per role that notices go to, so escalations can be tried on a fresh install.
 * Every row has demo=true.
 */
export const DEMO_MEMBERS: MemberSeed[] = [
  {
    id: 'demo-chief',
    unitCode: 'COUNTY',
    name: '演示-县长',
    roles: ['chief'],
    email: 'chief@county.example',
  },
  {
    id: 'demo-deputy-chief',
    unitCode: 'COUNTY',
    name: '演示-副县长',
    roles: ['deputy_chief'],
    email: 'deputy@county.example',
  },
  {
    id: 'demo-liaison',
    unitCode: 'COUNTY',
    name: '演示-联络员',
    roles: ['liaison'],
    email: 'liaison@county.example',
  },
  {
    id: 'demo-eco-1',
    unitCode: 'ECO',
    name: '演示-环委办干部',
    roles: ['office_staff'],
    email: 'eco@county.example',
  },
  {
    // 县环委办主任: approves the office's own documents (双调度 report, bulletins).
    id: 'demo-eco-head',
    unitCode: 'ECO',
    name: '演示-县环委办主任',
    roles: ['office_staff', 'sector_head'],
    email: 'eco-head@county.example',
  },
  ...['EEB', 'DRC', 'IIT', 'NRB', 'HUD', 'ULE', 'AGR', 'WRB', 'FOR', 'HLT', 'PARK'].flatMap((unit) => [
    {
      id: `demo-${unit.toLowerCase()}-head`,
      unitCode: unit,
      name: `演示-${unit}分网格长`,
      roles: ['sector_head'],
      email: `${unit.toLowerCase()}-head@county.example`,
    },
    {
      id: `demo-${unit.toLowerCase()}-deputy`,
      unitCode: unit,
      name: `演示-${unit}副分网格长`,
      roles: ['sector_deputy'],
      email: `${unit.toLowerCase()}-deputy@county.example`,
    },
    {
      id: `demo-${unit.toLowerCase()}-leader`,
      unitCode: unit,
      name: `演示-${unit}直接负责人`,
      roles: ['grid_member', 'direct_leader'],
      email: `${unit.toLowerCase()}-leader@county.example`,
      gridCode: demoSectorGridCode(unit),
      isSectionCadre: true,
      publicContact: '0855-0000000（演示）',
    },
  ]),
  ...['T-GUZHOU', 'T-ZHONGCHENG', 'T-ZAIHAO', 'T-CHEMIN'].flatMap((unit) => [
    {
      id: `demo-${unit.toLowerCase()}-head`,
      unitCode: unit,
      name: `演示-${unit}网格长`,
      roles: ['grid_head'],
      email: `${unit.toLowerCase()}-head@county.example`,
    },
    {
      id: `demo-${unit.toLowerCase()}-leader`,
      unitCode: unit,
      name: `演示-${unit}直接负责人`,
      roles: ['grid_member', 'direct_leader'],
      email: `${unit.toLowerCase()}-leader@county.example`,
      gridCode: demoVillageGridCode(unit),
      isSectionCadre: true,
      publicContact: '0855-0000000（演示）',
    },
  ]),
];

/**
 * DEMO DATA: the rest of the demo grids' staff. Only roles no notice is addressed to are added (grid_member,
 * grid_deputy, village_member, public_welfare), so the people notices reach are the same as before grids existed.
 * Every row has demo=true.
 */
export const DEMO_GRID_MEMBERS: MemberSeed[] = [
  ...DEMO_SECTOR_UNITS.flatMap((unit) =>
    [1, 2].map((n) => ({
      id: `demo-${unit.toLowerCase()}-member-${n}`,
      unitCode: unit,
      name: `演示-${unit}网格员${n}`,
      roles: ['grid_member'],
      email: `${unit.toLowerCase()}-member-${n}@county.example`,
      gridCode: demoSectorGridCode(unit),
    })),
  ),
  ...DEMO_TOWNSHIP_VILLAGES.flatMap(({ township, villageUnit }) => {
    const t = township.toLowerCase();
    const grid = demoVillageGridCode(township);
    return [
      {
        id: `demo-${t}-deputy`,
        unitCode: township,
        name: `演示-${township}副网格长`,
        roles: ['grid_deputy'],
        email: `${t}-deputy@county.example`,
      },
      {
        id: `demo-${t}-first-secretary`,
        unitCode: township,
        name: `演示-${township}驻村第一书记`,
        roles: ['grid_member'],
        email: `${t}-first-secretary@county.example`,
        gridCode: grid,
        post: '驻村第一书记',
      },
      {
        id: `demo-${t}-stationed`,
        unitCode: township,
        name: `演示-${township}驻村干部`,
        roles: ['grid_member'],
        email: `${t}-stationed@county.example`,
        gridCode: grid,
        post: '驻村干部',
      },
      {
        id: `demo-${t}-branch-secretary`,
        unitCode: villageUnit ?? township,
        name: `演示-${township}支部书记`,
        roles: ['village_member'],
        email: `${t}-branch-secretary@county.example`,
        gridCode: grid,
        post: '支部书记',
        publicContact: '村委会值班电话（演示）',
      },
    ];
  }),
  {
    id: 'demo-t-guzhou-ranger',
    unitCode: 'V-GUZHOU-01',
    name: '演示-古州镇护林员',
    roles: ['public_welfare'],
    email: 't-guzhou-ranger@county.example',
    gridCode: 'DEMO-T-GUZHOU-V01-P1',
    post: '护林员',
  },
  {
    id: 'demo-t-guzhou-v02-member',
    unitCode: 'T-GUZHOU',
    name: '演示-古州镇二村网格员',
    roles: ['grid_member'],
    email: 't-guzhou-v02-member@county.example',
    gridCode: DEMO_NONCOMPLIANT_GRID,
  },
  {
    id: 'demo-t-guzhou-v02-stationed',
    unitCode: 'T-GUZHOU',
    name: '演示-古州镇二村驻村干部',
    roles: ['grid_member'],
    email: 't-guzhou-v02-stationed@county.example',
    gridCode: DEMO_NONCOMPLIANT_GRID,
    post: '驻村干部',
  },
];
