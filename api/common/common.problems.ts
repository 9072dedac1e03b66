import { defineProblemMessages } from './problem-catalogue';

/**
 * The codes the problem filter gives to errors that are not the modules' own (Nest's HTTP exceptions, the
 * validation pipe, unexpected errors). English details are left as thrown, which name the route or the limit.
 */
export const COMMON_PROBLEMS = defineProblemMessages({
  'bad-request': {
    title: { 'zh-CN': '请求有误', en: 'Bad Request' },
    detail: { 'zh-CN': '请求无法解析，请检查请求体和参数的格式。' },
  },
  unauthorized: {
    title: { 'zh-CN': '未登录', en: 'Unauthorized' },
    detail: { 'zh-CN': '请先登录，或提供有效的访问令牌。' },
  },
  forbidden: {
    title: { 'zh-CN': '无权操作', en: 'Forbidden' },
    detail: { 'zh-CN': '当前用户无权进行此操作。' },
  },
  'not-found': {
    title: { 'zh-CN': '未找到', en: 'Not Found' },
    detail: { 'zh-CN': '找不到 {method} {path}。' },
  },
  'method-not-allowed': {
    title: { 'zh-CN': '不支持的请求方法', en: 'Method Not Allowed' },
    detail: { 'zh-CN': '{path} 不支持 {method} 请求。' },
  },
  conflict: {
    title: { 'zh-CN': '冲突', en: 'Conflict' },
    detail: { 'zh-CN': '请求与资源的当前状态冲突。' },
  },
  'payload-too-large': {
    title: { 'zh-CN': '请求体过大', en: 'Payload Too Large' },
    detail: { 'zh-CN': '请求体超过了允许的大小。' },
  },
  'unsupported-media-type': {
    title: { 'zh-CN': '不支持的内容类型', en: 'Unsupported Media Type' },
    detail: { 'zh-CN': '不支持该请求体的内容类型（Content-Type）。' },
  },
  unprocessable: {
    title: { 'zh-CN': '无法处理的数据', en: 'Unprocessable Entity' },
    detail: { 'zh-CN': '请求数据不符合规则。' },
  },
  'too-many-requests': {
    title: { 'zh-CN': '请求过于频繁', en: 'Too Many Requests' },
    detail: { 'zh-CN': '请求过于频繁，请稍后再试。' },
  },
  'internal-error': {
    title: { 'zh-CN': '服务器内部错误', en: 'Internal Server Error' },
    detail: {
      'zh-CN': '服务器发生意外错误，已记录日志。',
      en: 'An unexpected error occurred; it has been logged.',
    },
  },
  'invalid-data': {
    title: { 'zh-CN': '数据不符合规则', en: 'The data breaks a rule' },
    detail: { 'zh-CN': '{messages}' },
  },
  'unknown-reference': {
    title: { 'zh-CN': '引用的对象不存在', en: 'Unknown reference' },
    detail: { 'zh-CN': '字段 {field} 所指的对象不存在。' },
  },
  'unit-not-found': {
    title: { 'zh-CN': '没有该单位', en: 'Unit not found' },
    detail: { 'zh-CN': '没有这个单位代码。' },
  },
  'actor-not-member': {
    title: { 'zh-CN': '无权操作', en: 'Not permitted for this actor' },
    detail: { 'zh-CN': '当前用户不是组织名册中的在岗人员。' },
  },
  'not-in-scope': {
    title: { 'zh-CN': '无权查看', en: 'Not permitted for this actor' },
    detail: { 'zh-CN': '只有本单位、县环委办和总（副总）网格长可以查看。' },
  },
  'overview-not-in-scope': {
    title: { 'zh-CN': '无权查看', en: 'Not permitted for this actor' },
    detail: { 'zh-CN': '全县概览只有县环委办和总（副总）网格长可以查看。' },
  },
  'precondition-required': {
    title: { 'zh-CN': '缺少版本条件', en: 'Precondition required' },
    detail: { 'zh-CN': '请先读取该记录，并在 If-Match 中带上读到的 ETag。' },
  },
  'precondition-failed': {
    title: { 'zh-CN': '记录已被修改', en: 'Precondition failed' },
    detail: { 'zh-CN': '该记录在您读取之后已被他人修改；请重新读取后再提交。' },
  },
  'idempotency-key-invalid': {
    title: { 'zh-CN': 'Idempotency-Key 有误', en: 'Invalid Idempotency-Key' },
    detail: { 'zh-CN': 'Idempotency-Key 须为 1 至 128 个可见 ASCII 字符。' },
  },
  'idempotency-key-reused': {
    title: { 'zh-CN': 'Idempotency-Key 已被使用', en: 'Idempotency-Key reused' },
    detail: { 'zh-CN': '这个 Idempotency-Key 已用于另一个请求；新的请求请使用新的键。' },
  },
  'idempotency-key-in-progress': {
    title: { 'zh-CN': '请求正在处理', en: 'Request in progress' },
    detail: { 'zh-CN': '使用同一 Idempotency-Key 的请求仍在处理中，请稍后再试。' },
  },
  'body-not-object': {
    title: { 'zh-CN': '请求体格式有误', en: 'Malformed request body' },
    detail: { 'zh-CN': '请求体须为 JSON 对象。' },
  },
  'malformed-body': {
    title: { 'zh-CN': '请求体格式有误', en: 'Malformed request body' },
    detail: { 'zh-CN': '请求体无法解析（不是有效的 JSON，或与其 Content-Encoding 不符）。' },
  },
  'unsupported-encoding': {
    title: { 'zh-CN': '不支持的编码', en: 'Unsupported encoding' },
    detail: { 'zh-CN': '不支持请求体的字符集或压缩编码。' },
  },
  'unstorable-text': {
    title: { 'zh-CN': '文本含有不可保存的字符', en: 'Text cannot be stored' },
    detail: { 'zh-CN': '{messages}' },
  },
  'still-referenced': {
    title: { 'zh-CN': '仍被引用', en: 'Conflict' },
    detail: { 'zh-CN': '此修改会破坏记录之间的引用；请先修改相关的记录。' },
  },
  'already-exists': {
    title: { 'zh-CN': '记录已存在', en: 'Already exists' },
    detail: { 'zh-CN': '已经有一条相同编号的记录。' },
  },
  'multipart-invalid': {
    title: { 'zh-CN': '上传的表单有误', en: 'Malformed multipart body' },
    detail: { 'zh-CN': '上传的表单（multipart）无法读取，请检查文件字段后重新上传。' },
  },
  'validation-failed': {
    title: { 'zh-CN': '请求数据不符合要求', en: 'The request is not valid' },
    detail: { 'zh-CN': '{messages}', en: '{messages}' },
  },
});
