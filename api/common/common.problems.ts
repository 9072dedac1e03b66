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
  'validation-failed': {
    title: { 'zh-CN': '请求数据不符合要求', en: 'The request is not valid' },
    detail: { 'zh-CN': '{messages}', en: '{messages}' },
  },
});
