import { applyDecorators, Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Actor } from '../../domain/organisation/roles';
import type { IssueState } from '../../domain/issue/issue.types';
import { PARTY_LABELS, type Party } from '../../domain/process/issue-process.definition';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ACTION_ENDPOINTS, type ActionEndpoint } from './issue-actions';
import { IDEMPOTENCY_HEADER_DOC } from '../common/openapi-headers';
import { IssuesService } from './issues.service';

/**
 * 问题处置 The lifecycle actions: one endpoint per action of the process definition, generated from its table so
 * each has its own body schema in the OpenAPI document. The actor always comes from the token.
 */
@ApiTags('issue actions')
@ApiBearerAuth()
@Controller('api/v1/issues')
export class IssueActionsController {
  constructor(readonly issues: IssuesService) {}
}

type ActionHandler = (
  this: IssueActionsController,
  code: string,
  data: unknown,
  actor: Actor,
) => Promise<IssueState>;

function describe(endpoint: ActionEndpoint): string {
  const who = endpoint.parties.map((party) => `${PARTY_LABELS[party as Party]} (${party})`).join('、');
  return `${endpoint.label}（${endpoint.rules.join('、')}）。可操作：${who}。 Runs the Temporal Update \`${endpoint.action}\` of workflow issue-<code> and answers the new state; 409 in a state that does not allow it, 403 for an actor who may not take it, 422 when the data breaks a rule.`;
}

for (const endpoint of ACTION_ENDPOINTS) {
  const prototype = IssueActionsController.prototype as unknown as Record<string, ActionHandler>;
  const handler: ActionHandler = function (code, data, actor) {
    return this.issues.act(code, endpoint.action, actor, data);
  };
  Object.defineProperty(handler, 'name', { value: endpoint.action });
  Object.defineProperty(prototype, endpoint.action, { value: handler, writable: true, configurable: true });
  // What TypeScript would emit for `(code: string, data: <Dto>, actor: Actor)`: the ValidationPipe and the
  // OpenAPI explorer read the body class from here.
  Reflect.defineMetadata('design:paramtypes', [String, endpoint.dto, Object], prototype, endpoint.action);
  Reflect.defineMetadata('design:returntype', Promise, prototype, endpoint.action);
  Param('code')(prototype, endpoint.action, 0);
  Body()(prototype, endpoint.action, 1);
  CurrentActor()(prototype, endpoint.action, 2);
  const descriptor = Object.getOwnPropertyDescriptor(prototype, endpoint.action)!;
  applyDecorators(
    Post(`:code/${endpoint.path}`),
    HttpCode(200),
    ApiOperation({
      summary: `${endpoint.label} ${endpoint.action}`,
      description: describe(endpoint),
      operationId: endpoint.action,
    }),
    ApiParam({ name: 'code', example: '2026-000001', description: '问题编号 Issue code' }),
    ApiHeader(IDEMPOTENCY_HEADER_DOC),
    ApiBody({ type: endpoint.dto }),
    ApiOkResponse({ description: '新状态 The new live state of the issue' }),
    ApiConflictResponse({ description: '当前状态不允许 Not allowed in the current state' }),
    ApiForbiddenResponse({ description: '无权操作 The actor may not take this action' }),
    ApiUnprocessableEntityResponse({ description: '数据不符合规则 The data breaks a rule' }),
    ApiNotFoundResponse({ description: '问题不存在 No such issue' }),
  )(prototype, endpoint.action, descriptor);
}
