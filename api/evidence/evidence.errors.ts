import { ProblemException } from '../common/problem';
import { EVIDENCE_MEDIA_TYPES } from './media-type';

/** The evidence module's errors. */
export const EvidenceErrors = {
  missingFile: () =>
    new ProblemException(
      400,
      'evidence-file-missing',
      'The request is not valid',
      'Send the file as the multipart field "file".',
      {
        errors: [{ field: 'file', rule: 'required', message: 'file is required' }],
      },
    ),
  unsupportedType: () =>
    new ProblemException(
      415,
      'evidence-type-unsupported',
      'Unsupported media type',
      `The content is not one of ${EVIDENCE_MEDIA_TYPES.join(', ')} (decided from its first bytes).`,
      {
        errors: [
          { field: 'file', rule: 'media-type', message: `file must be ${EVIDENCE_MEDIA_TYPES.join(', ')}` },
        ],
      },
    ),
  tooLarge: (maxBytes: number) =>
    new ProblemException(
      413,
      'payload-too-large',
      'Payload too large',
      `An evidence file may be at most ${maxBytes} bytes.`,
      {
        errors: [{ field: 'file', rule: 'max-size', message: `file must be at most ${maxBytes} bytes` }],
      },
    ),
  badId: (id: string) =>
    new ProblemException(
      400,
      'evidence-id-invalid',
      'The request is not valid',
      `"${id.slice(0, 80)}" is not an evidence id (64 hex digits).`,
      {
        errors: [
          {
            field: 'id',
            rule: 'sha256-hex',
            message: 'id must be the sha256 of the content, 64 lowercase hex digits',
          },
        ],
      },
    ),
  notFound: (id: string) =>
    new ProblemException(
      404,
      'evidence-not-found',
      'Evidence not found',
      `No evidence file has the id ${id}.`,
    ),
};
