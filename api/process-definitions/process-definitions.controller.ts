import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { exportBpmn } from '../../domain/process/bpmn-export';
import { ISSUE_PROCESS, type ProcessDefinition } from '../../domain/process/issue-process.definition';
import { ProcessDefinitionErrors } from './process-definitions.errors';
import { Public } from '../auth/public.decorator';

/** The definitions the API can show, by id; the running workflows execute the same objects. */
const DEFINITIONS: ReadonlyMap<string, ProcessDefinition> = new Map([[ISSUE_PROCESS.id, ISSUE_PROCESS]]);

/** Offered representations, JSON first so that no Accept header, or a wildcard, gets JSON. */
const REPRESENTATIONS = ['application/json', 'application/xml', 'application/bpmn+xml'];

/** 流程定义 Process definitions: the issue lifecycle as data (JSON) or as a BPMN 2.0 diagram (XML). */
@ApiTags('process-definitions')
@Public()
@Controller('api/v1/process-definitions')
export class ProcessDefinitionsController {
  @Get(':id')
  @ApiOperation({
    summary: '流程定义 Read a process definition',
    description:
      '默认返回 JSON；请求头 Accept 优先 application/xml 或 application/bpmn+xml 时返回带图形布局的 BPMN 2.0 XML，' +
      '可用 bpmn.io 或 Camunda Modeler 打开。计时器时长以工作日计（L9）。' +
      ' Returns the definition as JSON by default, or as BPMN 2.0 XML with diagram layout (BPMNDI) when the ' +
      'Accept header prefers application/xml or application/bpmn+xml; it opens in bpmn.io or Camunda Modeler. ' +
      'Timer durations count working days on the official calendar (L9).',
  })
  @ApiParam({ name: 'id', example: ISSUE_PROCESS.id, description: '流程定义编号 The definition id' })
  @ApiProduces(...REPRESENTATIONS)
  @ApiOkResponse({
    description:
      '流程定义：状态、办理事项、计时器与时限政策；或其 BPMN 2.0 XML（Content-Disposition 给出 .bpmn 文件名）。' +
      ' The states, actions, timers and deadline policy; or their BPMN 2.0 XML (Content-Disposition names a .bpmn file).',
    content: {
      'application/json': { schema: { type: 'object' } },
      'application/xml': { schema: { type: 'string' } },
      'application/bpmn+xml': { schema: { type: 'string' } },
    },
  })
  @ApiNotFoundResponse({
    description: '没有该流程定义（problem+json，code process-definition-not-found）. No such definition.',
  })
  get(
    @Param('id') id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): ProcessDefinition | string {
    const definition = DEFINITIONS.get(id);
    if (!definition) throw ProcessDefinitionErrors.notFound(id);
    response.vary('Accept');
    const preferred = request.accepts(REPRESENTATIONS);
    if (preferred === false || preferred === 'application/json') return definition;
    response.setHeader('Content-Type', 'application/xml; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `inline; filename="${definition.id}-v${definition.version}.bpmn"`,
    );
    return exportBpmn(definition);
  }
}
