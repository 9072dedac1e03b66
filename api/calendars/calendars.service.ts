import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Configuration } from '../../config/configuration';
import {
  arrangementProblems,
  effectiveArrangements,
  effectiveCalendar,
  loadedArrangement,
  yearOutsideRange,
} from '../../domain/calendar/calendar-loading';
import { withDeadlineUnit, type OfficialCalendar } from '../../domain/calendar/working-days';
import type { Actor } from '../../domain/organisation/roles';
import { CalendarRepository } from '../../persistence/repositories/calendar.repository';
import {
  calendarBroadcast,
  CALENDAR_BROADCAST_WORKFLOW_ID,
} from '../../workflows/calendar-broadcast.workflow';
import { assertEcoOffice } from '../common/access';
import { invalidData, notFound } from '../common/problem-factories';
import type { CalendarView, CalendarYearView, LoadCalendarYearDto } from './calendars.dto';

export const BEYOND_THE_DATA =
  '数据之外的年份按周一至周五为工作日计算，相关期限标记为“暂定”，载入该年安排后自动重新计算 Beyond the data: Monday–Friday, provisional, re-planned when the year is loaded';

/** L9: the official calendar as managed data: read it, load a year, and have every running issue re-plan. */
@Injectable()
export class CalendarsService {
  constructor(
    private readonly calendars: CalendarRepository,
    @Inject(Client) private readonly temporal: Client,
    private readonly config: Configuration,
  ) {}

  /** The calendar new issues start with and the API counts with: built-in years, replaced or extended by loads. */
  async current(): Promise<OfficialCalendar> {
    const calendar = effectiveCalendar((await this.calendars.loaded()).map((year) => year.arrangement));
    return withDeadlineUnit(calendar, this.config.DEADLINE_UNIT);
  }

  async view(): Promise<CalendarView> {
    const loaded = await this.calendars.loaded();
    const byYear = new Map(loaded.map((year) => [year.arrangement.year, year]));
    const calendar = effectiveCalendar(loaded.map((year) => year.arrangement));
    const years = effectiveArrangements(loaded.map((year) => year.arrangement)).map(
      (arrangement): CalendarYearView => {
        const load = byYear.get(arrangement.year);
        return {
          year: arrangement.year,
          source: arrangement.source,
          loaded: load !== undefined,
          notice: arrangement.notice,
          holidays: arrangement.holidays,
          adjustedWorkingDays: arrangement.adjustedWorkingDays,
          loadedBy: load?.loadedBy ?? null,
          loadedAt: load?.loadedAt.toISOString() ?? null,
        };
      },
    );
    return {
      firstYear: calendar.firstYear,
      lastYear: calendar.lastYear,
      projectedYears: calendar.projectedYears,
      beyond: BEYOND_THE_DATA,
      years,
    };
  }

  async year(year: number): Promise<CalendarYearView> {
    const found = (await this.view()).years.find((entry) => entry.year === year);
    if (!found)
      throw notFound(
        'calendar-year-not-loaded',
        'Calendar year not loaded',
        `${year} 年的节假日安排尚未载入。`,
      );
    return found;
  }

  /**
   * 县环委办 loads a year's notice: validated, stored, then signalled to every running issue by the broadcast
   * workflow (a newer load replaces a broadcast still under way, since it sends the calendar as it then stands).
   */
  async load(
    year: number,
    dto: LoadCalendarYearDto,
    actor: Actor,
  ): Promise<{ year: CalendarYearView; broadcast: { workflowId: string; runId: string } }> {
    assertEcoOffice(actor, 'load the official holiday calendar (L9)');
    const input = {
      notice: {
        title: dto.notice.title,
        number: dto.notice.number,
        issued: dto.notice.issued ?? null,
        url: dto.notice.url ?? null,
      },
      holidays: dto.holidays,
      adjustedWorkingDays: dto.adjustedWorkingDays,
    };
    const problems = arrangementProblems(year, input).map((p) => ({ ...p, rule: 'L9' }));
    const outside = yearOutsideRange(year, await this.current());
    if (outside) problems.push({ field: 'year', message: outside, rule: 'L9' });
    if (problems.length > 0) throw invalidData(problems);
    await this.calendars.save(loadedArrangement(year, input), actor.name, actor.unitCode);
    const handle = await this.temporal.workflow.start(calendarBroadcast, {
      workflowId: CALENDAR_BROADCAST_WORKFLOW_ID,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [{ year }],
      workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    });
    return {
      year: await this.year(year),
      broadcast: { workflowId: handle.workflowId, runId: handle.firstExecutionRunId },
    };
  }
}
