import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import { findUnstorableText, type TextProblem } from '../../domain/common/text';
import { ProblemException } from './problem';

/** A 422 naming the field that holds text the system cannot store as sent. */
export function unstorableTextProblem(problem: {
  field: string;
  rule: TextProblem['rule'] | 'invalid-utf8';
  message: string;
}): ProblemException {
  return new ProblemException(422, 'unstorable-text', 'Text cannot be stored', problem.message, {
    errors: [{ field: problem.field, rule: problem.rule, message: problem.message }],
  });
}

/** The bytes a percent-encoded URL part stands for (`%FF` is one byte, other characters their UTF-8). */
function percentBytes(part: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < part.length; i += 1) {
    const hex = part[i] === '%' ? part.slice(i + 1, i + 3) : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(part[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/**
 * Before routing: the path and the query string must decode to valid UTF-8 without control characters. Decoders
 * would otherwise turn invalid bytes into U+FFFD silently, and a NUL would reach PostgreSQL.
 */
function urlGuard(request: Request, _response: Response, next: NextFunction): void {
  const url = request.originalUrl ?? request.url;
  const queryAt = url.indexOf('?');
  const parts: Array<[string, string]> = [['path', queryAt < 0 ? url : url.slice(0, queryAt)]];
  if (queryAt >= 0) parts.push(['query', url.slice(queryAt + 1)]);
  for (const [field, raw] of parts) {
    const bytes = percentBytes(field === 'query' ? raw.replace(/\+/g, ' ') : raw);
    if (!isUtf8(bytes)) {
      const message = `${field} 不是有效的 UTF-8 编码。The ${field} is not valid UTF-8 once percent-decoded.`;
      return next(unstorableTextProblem({ field, rule: 'invalid-utf8', message }));
    }
    const problem = findUnstorableText(bytes.toString('utf8'), field);
    if (problem) return next(unstorableTextProblem(problem));
  }
  next();
}

/** A JSON or form body whose bytes are not UTF-8 is refused before it is decoded (and silently repaired). */
export function verifyUtf8Body(_request: unknown, _response: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase().replace('-', '') !== 'utf8') return;
  if (!isUtf8(body)) {
    throw Object.assign(new Error('The body is not valid UTF-8.'), { type: 'invalid-utf8', status: 422 });
  }
}

/** A form body must be UTF-8 both as sent and once its percent-escapes are decoded (`%FF` is not text). */
export function verifyUtf8Form(request: unknown, response: unknown, body: Buffer, encoding: string): void {
  verifyUtf8Body(request, response, body, encoding);
  if (!isUtf8(percentBytes(body.toString('utf8').replace(/\+/g, ' ')))) {
    throw Object.assign(new Error('The form body is not valid UTF-8 once percent-decoded.'), {
      type: 'invalid-utf8',
      status: 422,
    });
  }
}

/** The answer to a body refused by `verifyUtf8Body`. */
export function invalidUtf8BodyProblem(): ProblemException {
  return unstorableTextProblem({
    field: 'body',
    rule: 'invalid-utf8',
    message: '请求正文不是有效的 UTF-8 编码。The request body is not valid UTF-8.',
  });
}

export function installUrlGuard(app: NestExpressApplication): void {
  app.use(urlGuard);
}

/** Uploaded files (multer's `{ fieldname, originalname, buffer }`) carry their name as text. */
function uploadedFileNameProblem(value: unknown): TextProblem | null {
  const files = Array.isArray(value) ? (value as unknown[]) : [value];
  for (const file of files) {
    if (typeof file !== 'object' || file === null || !('originalname' in file) || !('fieldname' in file))
      continue;
    const { fieldname, originalname } = file;
    const problem = findUnstorableText(originalname, `${String(fieldname)}.filename`);
    if (problem) return problem;
  }
  return null;
}

/**
 * The first global pipe: every body, query and path parameter a controller receives (JSON, forms, multipart fields)
 * is checked for text that cannot be stored, after every parser and before validation.
 */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const problem =
      metadata.type === 'custom'
        ? uploadedFileNameProblem(value)
        : findUnstorableText(value, metadata.data ?? '');
    if (problem) throw unstorableTextProblem(problem);
    return value;
  }
}
