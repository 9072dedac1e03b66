/** The If-Match header of PATCH and DELETE, as OpenAPI documents it. */
export const IF_MATCH_DOC = {
  name: 'If-Match',
  required: true,
  description:
    '读取时得到的 ETag（缺少 428，已被他人修改 412）。The ETag you read; 428 without it, 412 when the resource changed since.',
  example: '"1"',
};
