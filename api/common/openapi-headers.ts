/** Request headers as the OpenAPI document describes them, shared by every controller that takes them. */

/** The Idempotency-Key header of a POST that starts work. */
export const IDEMPOTENCY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: false,
  schema: { type: 'string', pattern: '^[!-~]{1,128}$', minLength: 1, maxLength: 128 },
  description:
    '幂等键（可选，1–128个可见ASCII字符）：同一键与相同请求体的重试返回首次结果，不重复执行。 Optional; a retry with the same key and body returns the first answer without doing anything twice.',
};

/** The If-Match header of PATCH and DELETE, as OpenAPI documents it. */
export const IF_MATCH_DOC = {
  name: 'If-Match',
  required: true,
  description:
    '读取时得到的 ETag（缺少 428，已被他人修改 412）。The ETag you read; 428 without it, 412 when the resource changed since.',
  example: '"1"',
};
