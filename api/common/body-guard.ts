import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { badRequest, invalidRequest, unsupportedMediaType } from './problem-factories';
import type { FieldProblem } from '../../domain/common/rejection';

/** Keys that would reach an object's prototype if a library copied them naively. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 16;

/** Names the first hostile or too deeply nested part of a parsed body, or null when it is harmless. */
export function bodyProblem(body: unknown): FieldProblem | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) {
      return {
        field: path || 'body',
        rule: 'max-depth',
        message: `the body is nested deeper than ${MAX_DEPTH}`,
      };
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (HOSTILE_KEYS.has(key))
        return { field, rule: 'forbidden-key', message: `${field} is not an allowed key` };
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return null;
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Open311 clients post forms; the open311 module parses and checks them (GeoReport v2). */
const FORM_ROUTES = /^\/open311\/v2\//;

/**
 * After the JSON parser: a request body must be a JSON object of harmless keys. Prototype keys (`__proto__`,
 * `constructor`) and absurd nesting are refused before any library copies the body; a body that is not JSON is 415.
 */
export function installBodyGuard(app: NestExpressApplication): void {
  app.use((request: Request, _response: Response, next: NextFunction) => {
    if (!WITH_BODY.has(request.method)) return next();
    const length = Number(request.headers['content-length'] ?? 0);
    const hasBody = length > 0 || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody) return next();
    // File uploads: multer parses them with its own limits, on the routes that declare a file interceptor.
    if (request.is('multipart/form-data')) return next();
    if (FORM_ROUTES.test(request.path) && request.is('application/x-www-form-urlencoded')) return next();
    if (!request.is('application/json') && !request.is('application/*+json')) {
      return next(unsupportedMediaType('unsupported-media-type', 'Send the body as application/json.'));
    }
    const body: unknown = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return next(badRequest('body-not-object', 'Malformed request body', 'The body must be a JSON object.'));
    }
    const problem = bodyProblem(body);
    if (problem) {
      return next(invalidRequest([problem]));
    }
    next();
  });
}
