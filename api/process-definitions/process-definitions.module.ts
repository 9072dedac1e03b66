import { Module } from '@nestjs/common';
import { ProcessDefinitionsController } from './process-definitions.controller';

/** 流程定义 Process definitions: read-only, so a controller over the domain's data and nothing else. */
@Module({ controllers: [ProcessDefinitionsController] })
export class ProcessDefinitionsModule {}
