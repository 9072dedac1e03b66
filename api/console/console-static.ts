import fs from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { PROJECT_ROOT } from '../../deploy/local/tools';

/** Where `npm run build` writes the web console (Vite's output). */
export const DEFAULT_CONSOLE_DIR = path.join(PROJECT_ROOT, 'dist', 'console');

/** Paths the API owns: never answered with the console's index.html, so unknown ones stay problem+json 404. */
const API_PATHS = /^\/(api|open311|health)(\/|$)/;
/** Vite names every built asset by its content hash: it can be cached for a year. */
const HASHED_ASSETS = /^\/assets\//;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the web console (`console/`, built) from the API's own origin: hashed assets with long-cache headers,
 * index.html always revalidated, and index.html for every other GET outside the API (the SPA's own routes).
 * Returns false, and serves nothing, when the console has not been built.
 */
export function installConsole(app: NestExpressApplication, dir = DEFAULT_CONSOLE_DIR): boolean {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) {
    new Logger('Console').warn(`web console not built (${index} missing): run \`npm run build\``);
    return false;
  }
  const files = express.static(dir, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (response, file) => {
      const relative = `/${path.relative(dir, file).split(path.sep).join('/')}`;
      response.setHeader('Cache-Control', HASHED_ASSETS.test(relative) ? IMMUTABLE : 'no-cache');
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (API_PATHS.test(request.path)) return next();
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    files(request, response, () => {
      // A missing hashed asset is a stale page asking for an old build: a 404, not the app's HTML.
      if (HASHED_ASSETS.test(request.path)) return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }, (error) => {
        if (error) next(error);
      });
    });
  });
  return true;
}
