import { getMetadataStorage, type ValidationError } from 'class-validator';

type Predicate = (constraints: unknown[]) => string;

const list = (value: unknown): string =>
  Array.isArray(value) ? value.map(String).join('、') : String(value);

/**
 * Chinese for class-validator's rules (and this project's own), keyed by constraint name: what the value must be.
 * The sentence names the field; the English message stays class-validator's (or the decorator's own).
 */
const MUST: Record<string, Predicate> = {
  isDefined: () => '为必填项',
  isNotEmpty: () => '不能为空',
  isString: () => '必须是文本',
  isBoolean: () => '必须是 true 或 false',
  isInt: () => '必须是整数',
  isNumber: () => '必须是数字',
  isArray: () => '必须是数组',
  isObject: () => '必须是对象',
  isEmail: () => '必须是电子邮箱地址',
  isUrl: () => '必须是网址（URL）',
  isLatitude: () => '必须是纬度（-90 至 90）',
  isLongitude: () => '必须是经度（-180 至 180）',
  isIn: ([values]) => `必须是以下之一：${list(values)}`,
  isEnum: ([values]) => `必须是以下之一：${list(values)}`,
  isDateString: () => '必须是 ISO 8601 日期时间',
  isISO8601: () => '必须是 ISO 8601 日期时间',
  matches: () => '格式不正确',
  maxLength: ([max]) => `最多 ${String(max)} 个字符`,
  minLength: ([min]) => `至少 ${String(min)} 个字符`,
  min: ([min]) => `不能小于 ${String(min)}`,
  max: ([max]) => `不能大于 ${String(max)}`,
  arrayMinSize: ([min]) => `至少需要 ${String(min)} 项`,
  arrayMaxSize: ([max]) => `最多 ${String(max)} 项`,
  arrayUnique: () => '不能有重复项',
  nestedValidation: () => '必须是对象或对象的数组',
  isDateOnly: () => '必须是日期，格式 YYYY-MM-DD',
  'iso-instant': () => '必须是带时区的 ISO 8601 日期时间，例如 2027-03-01T09:30:00+08:00',
  'week-id': () => '必须是 ISO 周，例如 2027-W02',
  'month-id': () => '必须是月份，例如 2027-03',
  'geojson-track': () => '必须是 GeoJSON LineString 轨迹',
  narrativeTexts: () => '的各项必须是不超过规定长度的文本',
};

/** The rule's arguments (a length, a list of values) and whether it applies to each item, from its metadata. */
function ruleOf(error: ValidationError, rule: string): { constraints: unknown[]; each: boolean } {
  const target = error.target;
  if (!target) return { constraints: [], each: false };
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name ?? m.type) === rule);
  return { constraints: metadata?.constraints ?? [], each: metadata?.each ?? false };
}

/**
 * One Chinese sentence for a broken rule that names the field: the decorator's own `context.zh` when it gives
 * one, else the rule's generic wording.
 */
export function chineseRuleMessage(error: ValidationError, field: string, rule: string): string {
  const own = (error.contexts?.[rule] as { zh?: unknown } | undefined)?.zh;
  if (typeof own === 'string') return own.replace('{field}', field);
  if (rule === 'whitelistValidation') return `字段 ${field} 不是可接受的字段`;
  const predicate = MUST[rule];
  if (!predicate) return `字段 ${field} 不符合规则 ${rule}`;
  const { constraints, each } = ruleOf(error, rule);
  return `字段 ${field}${each ? ' 的每一项' : ' '}${predicate(constraints)}`;
}
