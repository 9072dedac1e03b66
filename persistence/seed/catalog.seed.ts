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
  { code: 'PARK', name: '榕江工业园区管委会', kind: 'park', parentCode: 'COUNTY', demo: false },
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

/**
 * DEMO DATA: a few townships and villages so that a fresh install can be tried at once.
 * Every row has demo=true; `DELETE FROM units WHERE demo` removes them before real data is imported.
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
    },
  ]),
];
