import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { pingDatabase } from '../../persistence/database-server';
import { Public } from '../auth/public.decorator';
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
  @ApiOperation({ summary: '就绪检查 Readiness: PostgreSQL and Temporal both answer' })
  @ApiOkResponse({
    description: '{ status: ok, checks: { postgres, temporal } }',
    schema: object({ status: OK, checks: object({ postgres: CHECK, temporal: CHECK }) }),
  })
  async ready(): Promise<{ status: 'ok'; checks: Record<string, Check> }> {
    const [postgres, temporal] = await Promise.all([this.checkPostgres(), this.checkTemporal()]);
    const checks = { postgres, temporal };
    if (postgres.status === 'down' || temporal.status === 'down') {
      throw new ServiceUnavailableException({ message: JSON.stringify(checks) });
    }
    return { status: 'ok', checks };
  }

  private async checkPostgres(): Promise<Check> {
    try {
      await pingDatabase(this.dataSource);
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
