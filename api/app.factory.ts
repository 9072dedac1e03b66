import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Configuration } from '../config/configuration';
import { AppModule } from './app.module';
import { installConsole } from './console/console-static';
import { installBodyGuard } from './common/body-guard';
import { installJsonBodyParser } from './common/body-parsing';
import { installMethodGuard } from './common/method-guard';
import { completeOpenApi, describeQueryValidation } from './common/openapi-document';
import { ProblemFilter } from './common/problem.filter';
import { installUrlGuard, StorableTextPipe } from './common/text-guard';
import { createValidationPipe } from './common/validation';
import { logLevelOf, setLogLevel } from '../observability/log';
import { createHttpMetrics } from './observability/http-metrics';
import { JsonLogger } from './observability/json-logger';
import { installMetricsEndpoint, metricsAllowList } from './observability/metrics-endpoint';
import { installRequestContext, installRequestObserver } from './observability/request-observer';
import { configureDocumentRendering } from '../documents/render';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const document = new DocumentBuilder()
    .setTitle('生态环境保护网格化管理 API')
    .setDescription(
      '县直部门、乡镇与网格员上报、处置、移交、督办、销号生态环境问题的接口。' +
        ' The API county departments, townships and grid members use to report, fix, transfer, escalate and close ' +
        'ecological-environment issues. Errors are RFC 9457 problem+json bodies naming the field and the rule.',
    )
    .setVersion('1')
    .addCookieAuth(
      'eco_session',
      {
        type: 'apiKey',
        in: 'cookie',
        description:
          '控制台会话（POST /api/v1/auth/login 设置）；修改类请求须带 X-CSRF-Token 头。Console session from POST /api/v1/auth/login; unsafe requests also send X-CSRF-Token.',
      },
      'session',
    )
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        '访问令牌（本地：npm run token -- --member demo-ule-head） Bearer token; locally from `npm run token`.',
    })
    .build();
  describeQueryValidation();
  return completeOpenApi(SwaggerModule.createDocument(app, document));
}

/** Express's "trust proxy" from TRUST_PROXY: a boolean, a hop count, or the proxies' addresses and subnets. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Builds the HTTP application exactly as production runs it; e2e tests use the same function. */
export async function createApp(config: Configuration): Promise<NestExpressApplication> {
  setLogLevel(logLevelOf(config.LOG_LEVEL));
  // Exports render on these threads, so a long ledger never holds up the health checks and other requests.
  configureDocumentRendering({ threads: config.DOCUMENT_RENDER_THREADS });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new JsonLogger(),
    bodyParser: false,
  });
  const metrics = createHttpMetrics();
  // First, so every answer (a refused URL or body too) has its id, its log line and its latency.
  installRequestObserver(app, metrics);
  // The client address counts sign-in failures and the rate limit: behind a proxy it is X-Forwarded-For's.
  if (config.TRUST_PROXY) app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  installUrlGuard(app);
  const openApi = buildOpenApi(app);
  installMethodGuard(app, openApi);
  installJsonBodyParser(app, '1mb');
  installBodyGuard(app);
  installRequestContext(app);
  installMetricsEndpoint(app, metrics, metricsAllowList(config.METRICS_ALLOW));
  app.useGlobalPipes(new StorableTextPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(config.RETRY_AFTER_SECONDS));
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/openapi.json' });
  installConsole(app, config.CONSOLE_DIR);
  return app;
}
