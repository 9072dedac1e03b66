import type { EntityManager } from 'typeorm';
import type { ComplianceUnit } from '../../domain/duties/patrols/compliance';
import { WORK_PLAN_UNIT_KINDS, type WorkPlanRecord } from '../../domain/duties/work-plans/work-plans';
import type { Db } from './db';

/** A plan as it is stored. */
export interface NewWorkPlan {
  id: string;
  unitCode: string;
  year: number;
  title: string;
  fileId: string;
  note: string | null;
  submittedBy: { id: string; name: string };
  submittedAt: Date;
}

/** A plan as the API answers it. */
export interface WorkPlanView {
  id: string;
  unitCode: string;
  unitName: string;
  year: number;
  title: string;
  file: { id: string; name: string | null; mediaType: string; size: number };
  note: string | null;
  submittedBy: { id: string; name: string };
  submittedAt: string;
}

/** The plan's file, as the mails attach it. */
export interface WorkPlanFile {
  content: Buffer;
  mediaType: string;
  originalName: string | null;
  unitName: string;
  year: number;
}

interface Row {
  id: string;
  unit_code: string;
  unit_name: string;
  year: number;
  title: string;
  file_id: string;
  original_name: string | null;
  media_type: string;
  size: number;
  note: string | null;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: Date;
}

const toView = (r: Row): WorkPlanView => ({
  id: r.id,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  year: r.year,
  title: r.title,
  file: { id: r.file_id, name: r.original_name, mediaType: r.media_type, size: r.size },
  note: r.note,
  submittedBy: { id: r.submitted_by, name: r.submitted_by_name },
  submittedAt: r.submitted_at.toISOString(),
});

const SELECT = `
  SELECT p.*, u.name AS unit_name, f.original_name, f.media_type, f.size
  FROM work_plans p JOIN units u ON u.code = p.unit_code JOIN evidence_files f ON f.id = p.file_id`;

/** 网格监管工作方案 (`work_plans`, R3): one per department and year, its file among the evidence files. */
export class WorkPlanRepository {
  constructor(private readonly db: Db) {}

  within(manager: EntityManager): WorkPlanRepository {
    return new WorkPlanRepository(manager);
  }

  /** Stores the plan unless the unit has one for that year; true when this call stored it. */
  async insert(plan: NewWorkPlan): Promise<boolean> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO work_plans (id, unit_code, year, title, file_id, note, submitted_by, submitted_by_name, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
      [
        plan.id,
        plan.unitCode,
        plan.year,
        plan.title,
        plan.fileId,
        plan.note,
        plan.submittedBy.id,
        plan.submittedBy.name,
        plan.submittedAt,
      ],
    );
    return rows.length > 0;
  }

  async find(id: string): Promise<WorkPlanView | undefined> {
    const [row] = await this.db.query<Row[]>(`${SELECT} WHERE p.id = $1`, [id]);
    return row ? toView(row) : undefined;
  }

  /** The year's plans, of one unit or of all, in unit order. */
  async ofYear(year: number, unit?: string): Promise<WorkPlanView[]> {
    const rows = await this.db.query<Row[]>(
      `${SELECT} WHERE p.year = $1 AND ($2::text IS NULL OR p.unit_code = $2) ORDER BY p.unit_code`,
      [year, unit ?? null],
    );
    return rows.map(toView);
  }

  /** What the yearly clock judges: the units that owe a plan, and the year's plans. */
  async complianceData(year: number): Promise<{ units: ComplianceUnit[]; plans: WorkPlanRecord[] }> {
    const units = await this.db.query<ComplianceUnit[]>(
      `SELECT code, name, kind FROM units WHERE kind = ANY($1::text[]) ORDER BY code`,
      [WORK_PLAN_UNIT_KINDS],
    );
    const plans = await this.db.query<Array<{ unit_code: string; year: number; submitted_at: Date }>>(
      `SELECT unit_code, year, submitted_at FROM work_plans WHERE year = $1`,
      [year],
    );
    return {
      units,
      plans: plans.map((p) => ({
        unitCode: p.unit_code,
        year: p.year,
        submittedAt: p.submitted_at.toISOString(),
      })),
    };
  }

  /** The plan's file with what its mail needs to name it. */
  async file(id: string): Promise<WorkPlanFile | undefined> {
    const [row] = await this.db.query<
      Array<{
        content: Buffer;
        media_type: string;
        original_name: string | null;
        unit_name: string;
        year: number;
      }>
    >(
      `SELECT f.content, f.media_type, f.original_name, u.name AS unit_name, p.year
       FROM work_plans p JOIN evidence_files f ON f.id = p.file_id JOIN units u ON u.code = p.unit_code
       WHERE p.id = $1`,
      [id],
    );
    return row
      ? {
          content: row.content,
          mediaType: row.media_type,
          originalName: row.original_name,
          unitName: row.unit_name,
          year: row.year,
        }
      : undefined;
  }
}
