import {
  BadRequestException,
  HttpException,
  Injectable,
  mixin,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { badRequest, payloadTooLarge } from './problem-factories';

/** Multer's refusal as Nest words it: `<message> - <field>` when multer named the field. */
const WITH_FIELD = /^(.*) - ([^-]+)$/;

/** The multipart parser's refusal (multer, busboy) as a problem naming the field it concerns. */
export function multipartProblem(error: HttpException, fileField: string, maxBytes: number): HttpException {
  const body = error.getResponse();
  const said = typeof body === 'object' ? (body as { message?: unknown }).message : body;
  const message = typeof said === 'string' ? said : error.message;
  if (error instanceof PayloadTooLargeException) {
    return payloadTooLarge(`A file in "${fileField}" may be at most ${maxBytes} bytes.`, {
      field: fileField,
      rule: 'max-size',
      message: `${fileField} must be at most ${maxBytes} bytes`,
      zh: `${fileField} 中的文件不能超过 ${maxBytes} 字节`,
    });
  }
  if (!(error instanceof BadRequestException)) return error;
  const named = WITH_FIELD.exec(message);
  if (named) {
    const [, what, field] = named;
    return badRequest('multipart-invalid', 'Malformed multipart body', `${what}: ${field}.`, {
      field: field.trim().slice(0, 64),
      rule: /unexpected/i.test(what) ? 'unexpected-field' : 'multipart-limit',
      message: `${what} (expected the file in "${fileField}")`,
      zh: `上传的表单在字段 ${field.trim().slice(0, 64)} 处有误（文件应放在 ${fileField} 字段）`,
    });
  }
  return badRequest('multipart-invalid', 'Malformed multipart body', message, {
    field: 'body',
    rule: 'multipart',
    message: `the multipart body cannot be read: ${message}`,
    zh: '上传的表单（multipart）无法读取',
  });
}

/**
 * Put before a route's file interceptor: its refusals (too large, a malformed part header, an unexpected field,
 * too many parts) become problems that name the field, 413 or 400, instead of a bare "Bad Request".
 */
export function MultipartProblems(fileField: string, maxBytes: number): Type<NestInterceptor> {
  @Injectable()
  class MultipartProblemsInterceptor implements NestInterceptor {
    intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
      return next.handle().pipe(
        catchError((error: unknown) => {
          throw error instanceof HttpException ? multipartProblem(error, fileField, maxBytes) : error;
        }),
      );
    }
  }
  return mixin(MultipartProblemsInterceptor);
}
