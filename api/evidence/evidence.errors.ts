import { defineProblemMessages } from '../common/problem-catalogue';
import { badRequest, notFound, payloadTooLarge, unsupportedMediaType } from '../common/problem-factories';
import { EVIDENCE_MEDIA_TYPES } from './media-type';

/** What the evidence module's problems say in Chinese. */
export const EVIDENCE_PROBLEMS = defineProblemMessages({
  'evidence-file-missing': {
    title: { 'zh-CN': '缺少文件' },
    detail: { 'zh-CN': '请在 multipart 字段 file 中上传文件。' },
  },
  'evidence-type-unsupported': {
    title: { 'zh-CN': '不支持的文件类型' },
    detail: { 'zh-CN': '证据材料须为 JPEG、PNG、WebP 照片或 PDF 文件（按文件内容判断）。' },
  },
  'evidence-id-invalid': {
    title: { 'zh-CN': '证据编号有误' },
    detail: { 'zh-CN': '证据编号为文件内容的 SHA-256（64 位十六进制）。' },
  },
  'evidence-not-found': {
    title: { 'zh-CN': '没有该证据材料' },
    detail: { 'zh-CN': '没有这个编号的证据材料。' },
  },
});

/** The evidence module's errors. */
export const EvidenceErrors = {
  missingFile: () =>
    badRequest(
      'evidence-file-missing',
      'The request is not valid',
      'Send the file as the multipart field "file".',
      {
        field: 'file',
        rule: 'required',
        message: 'file is required',
        zh: '请选择要上传的文件',
      },
    ),
  unsupportedType: () =>
    unsupportedMediaType(
      'evidence-type-unsupported',
      `The content is not one of ${EVIDENCE_MEDIA_TYPES.join(', ')} (decided from its first bytes).`,
      {
        field: 'file',
        rule: 'media-type',
        message: `file must be ${EVIDENCE_MEDIA_TYPES.join(', ')}`,
        zh: '文件须为 JPEG、PNG、WebP 照片或 PDF',
      },
    ),
  tooLarge: (maxBytes: number) =>
    payloadTooLarge(`An evidence file may be at most ${maxBytes} bytes.`, {
      field: 'file',
      rule: 'max-size',
      message: `file must be at most ${maxBytes} bytes`,
      zh: `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`,
    }),
  badId: (id: string) =>
    badRequest(
      'evidence-id-invalid',
      'The request is not valid',
      `"${id.slice(0, 80)}" is not an evidence id (64 hex digits).`,
      {
        field: 'id',
        rule: 'sha256-hex',
        message: 'id must be the sha256 of the content, 64 lowercase hex digits',
        zh: '证据编号须为 64 位小写十六进制数',
      },
    ),
  notFound: (id: string) =>
    notFound('evidence-not-found', 'Evidence not found', `No evidence file has the id ${id}.`),
};
