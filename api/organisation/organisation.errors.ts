import { ConcurrencyErrors } from '../common/concurrency';
import { defineProblemMessages, type ProblemMessages } from '../common/problem-catalogue';
import {
  conflict,
  forbidden,
  invalidData,
  notFound,
  unknownReference,
  withParams,
} from '../common/problem-factories';

/** The organisation's records by the name their codes use, and what the county calls them. */
const RECORD_NAMES = {
  unit: '单位',
  grid: '网格',
  'key-point': '重点点位',
  member: '人员',
  category: '问题类别',
  'inbox-item': '通知',
} as const;
type RecordName = keyof typeof RECORD_NAMES;

/** The references that keep a unit or grid from being deleted (organisation.repository), in Chinese. */
const REFERENCE_NAMES: Record<string, string> = {
  units: '下级单位',
  grids: '网格',
  members: '人员',
  'responsibility categories': '责任问题类别',
  'sub-areas (分片)': '分片',
  'key points': '重点点位',
};

const perRecord = (make: (zh: string) => ProblemMessages) =>
  Object.fromEntries(Object.entries(RECORD_NAMES).map(([what, zh]) => [what, make(zh)])) as Record<
    RecordName,
    ProblemMessages
  >;

const NOT_FOUND = perRecord((zh) => ({
  title: { 'zh-CN': `没有该${zh}` },
  detail: { 'zh-CN': `没有编号为 {key} 的${zh}。` },
}));
const EXISTS = perRecord((zh) => ({
  title: { 'zh-CN': `${zh}已存在` },
  detail: { 'zh-CN': `编号为 {key} 的${zh}已经存在。` },
}));

/** What the organisation module's own problems say in Chinese (`unit-not-found`, `member-not-found` are shared). */
export const ORGANISATION_PROBLEMS = defineProblemMessages({
  'import-rows-invalid': {
    title: { 'zh-CN': '表格中有错误的行' },
    detail: { 'zh-CN': '以下各行有错误，未导入任何数据；改正后请重新导入。' },
  },
  'grid-not-found': NOT_FOUND.grid,
  'key-point-not-found': NOT_FOUND['key-point'],
  'category-not-found': NOT_FOUND.category,
  'inbox-item-not-found': NOT_FOUND['inbox-item'],
  'unit-exists': EXISTS.unit,
  'grid-exists': EXISTS.grid,
  'key-point-exists': EXISTS['key-point'],
  'member-exists': EXISTS.member,
  'category-exists': EXISTS.category,
  'unit-in-use': {
    title: { 'zh-CN': '单位仍在使用中' },
    detail: { 'zh-CN': '该单位下仍有{what}；请先移走或删除它们。' },
  },
  'grid-in-use': {
    title: { 'zh-CN': '网格仍在使用中' },
    detail: { 'zh-CN': '该网格下仍有{what}；请先移走或删除它们。' },
  },
});

/** The organisation and catalog modules' errors, each with a stable code clients can switch on. */
export const OrganisationErrors = {
  notFound: (what: string, key: string) =>
    withParams(notFound(`${what}-not-found`, 'Not found', `No ${what} has the key ${key.slice(0, 64)}.`), {
      key: key.slice(0, 64),
      id: key.slice(0, 64),
    }),
  forbidden: (detail: string) => forbidden('actor-not-permitted', detail),
  preconditionRequired: ConcurrencyErrors.preconditionRequired,
  preconditionFailed: ConcurrencyErrors.preconditionFailed,
  /** `what` names what still uses the unit or grid (the references' English words). */
  inUse: (code: 'unit-in-use' | 'grid-in-use', detail: string, what: string) =>
    withParams(conflict(code, 'Conflict', detail), {
      what: { 'zh-CN': REFERENCE_NAMES[what] ?? '其他记录', en: what },
    }),
  alreadyExists: (what: string, key: string) =>
    withParams(
      conflict(`${what}-exists`, 'Already exists', `A ${what} with the key ${key} already exists.`),
      { key: key.slice(0, 64) },
    ),
  unknownReference,
  invalid: (field: string, rule: string, message: string, zh?: string) =>
    invalidData([{ field, rule, message, ...(zh ? { zh } : {}) }]),
};
