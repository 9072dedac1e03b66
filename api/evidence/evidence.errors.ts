import { badRequest, notFound, payloadTooLarge, unsupportedMediaType } from '../common/problem-factories';
import { EVIDENCE_MEDIA_TYPES } from './media-type';

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
      },
    ),
  unsupportedType: () =>
    unsupportedMediaType(
      'evidence-type-unsupported',
      `The content is not one of ${EVIDENCE_MEDIA_TYPES.join(', ')} (decided from its first bytes).`,
      { field: 'file', rule: 'media-type', message: `file must be ${EVIDENCE_MEDIA_TYPES.join(', ')}` },
    ),
  tooLarge: (maxBytes: number) =>
    payloadTooLarge(`An evidence file may be at most ${maxBytes} bytes.`, {
      field: 'file',
      rule: 'max-size',
      message: `file must be at most ${maxBytes} bytes`,
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
      },
    ),
  notFound: (id: string) =>
    notFound('evidence-not-found', 'Evidence not found', `No evidence file has the id ${id}.`),
};
