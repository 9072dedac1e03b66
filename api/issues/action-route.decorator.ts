import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  actionDefinition,
  ISSUE_PROCESS,
  PARTY_LABELS,
  type ActionId,
} from '../../domain/process/issue-process.definition';
import { ACTION_DTOS, actionOfPath, type ActionPath } from './issue-actions';
import { IDEMPOTENCY_HEADER_DOC } from '../common/openapi-headers';
import { KeyedWork } from '../common/idempotency.interceptor';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import { ACTION_PENDING_SCHEMA, ISSUE_STATE_SCHEMA } from './issues.schemas';

function description(action: ActionId): string {
  const { label, rules, parties } = actionDefinition(ISSUE_PROCESS, action);
  const who = parties.map((party) => `${PARTY_LABELS[party]} (${party})`).join('、');
  return `${label}（${rules.join('、')}）。可操作：${who}。 Runs the Temporal Update \`${action}\` of workflow issue-<code> and answers the new state; 409 in a state that does not allow it, 403 for an actor who may not take it, 422 when the data breaks a rule.`;
}

/**
 * `POST /api/v1/issues/:code/<path>` for one lifecycle action, with its OpenAPI operation (id = the action id,
 * summary and description from the process definition), its body schema and its answers. The method's body
 * parameter must be the action's DTO of `ACTION_DTOS`, or the controller fails to load.
 */
export function ActionRoute(path: ActionPath): MethodDecorator {
  const action = actionOfPath(path);
  const dto = ACTION_DTOS[action];
  const { label } = actionDefinition(ISSUE_PROCESS, action);
  const decorators = applyDecorators(
    Post(`:code/${path}`),
    HttpCode(200),
    // The Update id comes from the Idempotency-Key: Temporal runs a retried action once (S2).
    KeyedWork(),
    ApiOperation({ summary: `${label} ${action}`, description: description(action), operationId: action }),
    ApiParam({
      name: 'code',
      example: '2026-000001',
      description: '问题编号 Issue code',
      schema: { type: 'string', pattern: ISSUE_CODE_PATTERN.source },
    }),
    ApiHeader(IDEMPOTENCY_HEADER_DOC),
    ApiBody({ type: dto }),
    ApiOkResponse({ description: '新状态 The new live state of the issue', schema: ISSUE_STATE_SCHEMA }),
    ApiConflictResponse({ description: '当前状态不允许 Not allowed in the current state' }),
    ApiForbiddenResponse({ description: '无权操作 The actor may not take this action' }),
    ApiUnprocessableEntityResponse({ description: '数据不符合规则 The data breaks a rule' }),
    ApiNotFoundResponse({ description: '问题不存在 No such issue' }),
    ApiAcceptedResponse({
      description:
        '仍在办理 Still running after UPDATE_WAIT_SECONDS: poll the Location (GET /api/v1/issues/{code}/actions/{updateId}); the action completes once',
      schema: ACTION_PENDING_SCHEMA,
    }),
  );
  return (target, key, descriptor) => {
    // The validation pipe checks the body against the parameter's class, the document shows the table's.
    const [, body] = (Reflect.getMetadata('design:paramtypes', target, key) ?? []) as Array<{
      name?: string;
    }>;
    if (body !== dto)
      throw new Error(`${String(key)} (${path}) must take a ${dto.name} body, not ${body?.name ?? 'none'}`);
    decorators(target, key, descriptor);
  };
}
