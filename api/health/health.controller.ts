import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { pingDatabase } from '../../persistence/database-server';
import { Public } from '../auth/public.decorator';
import { ProblemException } from '../common/problem';
import { object } from '../common/response-schemas';

const OK = { type: 'string' as const, enum: ['ok'] };
const CHECK = object({ status: { type: 'string', enum: ['up', 'down'] }, detail: { type: 'string' } }, [
  'detail',
]);

interface Check {
  status: 'up' | 'down';
  detail?: string;
}

/** Liveness (the process answers) and readiness (PostgreSQL and Temporal answer). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: '存活检查 Liveness: the process is up' })
  @ApiOkResponse({ description: '{ status: ok }', schema: object({ status: OK }) })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: '就绪检查 Readiness: PostgreSQL and Temporal both answer',
    description:
      '两者均可访问时答复 200；否则答复 503，`down` 列出不可访问的依赖，`checks` 给出各自的原因。 200 when both answer; else 503 whose `down` names the dependencies that do not and `checks` says why.',
  })
  @ApiOkResponse({
    description: '{ status: ok, checks: { postgres, temporal } }',
    schema: object({ status: OK, checks: object({ postgres: CHECK, temporal: CHECK }) }),
  })
  async ready(): Promise<{ status: 'ok'; checks: Record<string, Check> }> {
    const [postgres, temporal] = await Promise.all([this.checkPostgres(), this.checkTemporal()]);
    const checks = { postgres, temporal };
    const down = Object.entries(checks)
      .filter(([, check]) => check.status === 'down')
      .map(([name]) => name);
    if (down.length > 0) {
      throw new ProblemException(
        503,
        'not-ready',
        '未就绪 Not ready',
        `未就绪：${down.join('、')} 无法访问。 Not ready: ${down.join(' and ')} ${down.length > 1 ? 'do' : 'does'} not answer.`,
        { down, checks },
      );
    }
    return { status: 'ok', checks };
  }

  private async checkPostgres(): Promise<Check> {
    try {
      await Promise.race([
        pingDatabase(this.dataSource),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref()),
      ]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  private async checkTemporal(): Promise<Check> {
    try {
      await this.temporal.connection.withDeadline(Date.now() + 3000, () =>
        this.temporal.workflowService.getSystemInfo({}),
      );
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
