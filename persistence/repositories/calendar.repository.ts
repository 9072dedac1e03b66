import type { EntityManager } from 'typeorm';
import type {
  OfficialYearArrangement,
  StateCouncilNotice,
} from '../../domain/calendar/official-calendar.data';
import type { Db } from './db';

interface CalendarYearRow {
  year: number;
  notice: StateCouncilNotice;
  holidays: string[];
  adjusted_working_days: string[];
  loaded_by: string;
  loaded_by_unit: string;
  loaded_at: Date;
}

/** A year 县环委办 loaded, with who loaded it and when. */
export interface LoadedYear {
  arrangement: OfficialYearArrangement;
  loadedBy: string;
  loadedByUnit: string;
  loadedAt: Date;
}

/** 国务院节假日安排 (`official_calendar_years`, L9): the years 县环委办 loaded; the rest are built in. */
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  within(manager: EntityManager): CalendarRepository {
    return new CalendarRepository(manager);
  }

  /** Every loaded year, oldest first. */
  async loaded(): Promise<LoadedYear[]> {
    const rows = await this.db.query<CalendarYearRow[]>(
      `SELECT year, notice, holidays, adjusted_working_days, loaded_by, loaded_by_unit, loaded_at
       FROM official_calendar_years ORDER BY year`,
    );
    return rows.map((row) => ({
      arrangement: {
        year: row.year,
        source: 'published',
        notice: row.notice,
        holidays: row.holidays,
        adjustedWorkingDays: row.adjusted_working_days,
      },
      loadedBy: row.loaded_by,
      loadedByUnit: row.loaded_by_unit,
      loadedAt: row.loaded_at,
    }));
  }

  /** Stores a year's arrangement, replacing what was loaded for that year before. */
  async save(arrangement: OfficialYearArrangement, by: string, unit: string): Promise<void> {
    await this.db.query(
      `INSERT INTO official_calendar_years (year, notice, holidays, adjusted_working_days, loaded_by, loaded_by_unit)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (year) DO UPDATE SET notice = EXCLUDED.notice, holidays = EXCLUDED.holidays,
         adjusted_working_days = EXCLUDED.adjusted_working_days, loaded_by = EXCLUDED.loaded_by,
         loaded_by_unit = EXCLUDED.loaded_by_unit, loaded_at = now()`,
      [
        arrangement.year,
        JSON.stringify(arrangement.notice),
        arrangement.holidays,
        arrangement.adjustedWorkingDays,
        by,
        unit,
      ],
    );
  }
}
