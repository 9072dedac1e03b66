import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from './problem';
import { documentedRoutes } from './openapi-document';

/**
 * A documented path asked with a method it does not have is 405 with `Allow` (RFC 9110), not 404: the client learns
 * the path exists and what it takes. Paths outside the document (the console's files) pass on untouched.
 */
export function installMethodGuard(app: NestExpressApplication, document: OpenAPIObject): void {
  const routes = documentedRoutes(document);
  app.use((request: Request, response: Response, next: NextFunction) => {
    let matching = routes.filter((route) => route.pattern.test(request.path));
    if (matching.length === 0) return next();
    // A literal path (`suggest-owner`) is its own resource, not a value of a neighbour's `{code}`.
    if (matching.some((route) => route.literal)) matching = matching.filter((route) => route.literal);
    const allowed = [...new Set(matching.flatMap((route) => route.methods))];
    if (allowed.includes(request.method)) return next();
    response.setHeader('Allow', allowed.join(', '));
    next(
      new ProblemException(
        405,
        'method-not-allowed',
        'Method Not Allowed',
        `${request.path.slice(0, 200)} does not take ${request.method}; it takes ${allowed.join(', ')}.`,
        {},
        { method: request.method, path: request.path.slice(0, 200) },
      ),
    );
  });
}
