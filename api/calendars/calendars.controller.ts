import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
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
import { YearParam } from '../assessment/year.pipe';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IDEMPOTENCY_HEADER_DOC } from '../common/openapi-headers';
import { LoadCalendarYearDto, type CalendarView, type CalendarYearView } from './calendars.dto';
import { CALENDAR_SCHEMA, CALENDAR_YEAR_SCHEMA, LOADED_CALENDAR_YEAR_SCHEMA } from './calendars.schemas';
import { CalendarsService } from './calendars.service';

const YEAR_PARAM = {
  name: 'year',
  example: 2028,
  description: '年份 Year',
  schema: { type: 'integer' as const, minimum: 2000, maximum: 2100 },
};

/** 国务院节假日安排 (L9): the calendar every deadline counts working days on, loaded by 县环委办 a year at a time. */
@ApiTags('calendars')
@ApiBearerAuth()
@Controller('api/v1/calendars')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get()
  @ApiOperation({
    summary: '法定节假日安排 The official calendar (L9)',
    description:
      '各年度放假和调休安排：已载入的（published）、内置推算的（projected，待通知发布后载入替换），以及数据之外的计算方式。 The years covered, which are projected, and how later dates count.',
  })
  @ApiOkResponse({
    description: '{ firstYear, lastYear, projectedYears, beyond, years }',
    schema: CALENDAR_SCHEMA,
  })
  list(): Promise<CalendarView> {
    return this.calendars.view();
  }

  @Get(':year')
  @ApiOperation({ summary: '某年节假日安排 One year’s arrangement (L9)' })
  @ApiParam(YEAR_PARAM)
  @ApiOkResponse({
    description: 'The year: source, notice, holidays, adjusted working days, who loaded it',
    schema: CALENDAR_YEAR_SCHEMA,
  })
  @ApiNotFoundResponse({ description: '该年尚无安排 No arrangement for the year' })
  year(@Param('year', YearParam) year: number): Promise<CalendarYearView> {
    return this.calendars.year(year);
  }

  @Put(':year')
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: '载入某年节假日安排 Load a year’s official arrangement (L9)',
    description:
      '县环委办依据国务院办公厅通知载入一年的放假和调休安排（替换内置推算），并通知所有在办问题按新安排重新计算期限。 Stores the year (replacing a projection) and signals it to every running issue, which re-plans its deadlines; 403 for anyone outside 县环委办, 422 naming each date that breaks a rule.',
  })
  @ApiParam(YEAR_PARAM)
  @ApiOkResponse({
    description: '{ year, broadcast: { workflowId, runId } }',
    schema: LOADED_CALENDAR_YEAR_SCHEMA,
  })
  @ApiForbiddenResponse({ description: '仅县环委办 县环委办 only' })
  @ApiUnprocessableEntityResponse({ description: '安排不符合规则 The arrangement breaks a rule' })
  load(
    @Param('year', YearParam) year: number,
    @Body() dto: LoadCalendarYearDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ year: CalendarYearView; broadcast: { workflowId: string; runId: string } }> {
    return this.calendars.load(year, dto, actor);
  }
}
