import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION, type Actor } from '../../domain/organisation/roles';
import type { IssueStatus } from '../../domain/issue/issue.types';
import { isIssueCode } from '../../domain/issue/issue-code';
import { CreateIssueDto } from '../issues/dto/create-issue.dto';
import { IssuesService } from '../issues/issues.service';
import { STATUS_LABELS } from '../common/issue-labels';
import type {
  Open311CreateRequestDto,
  Open311ListQueryDto,
  Open311Request,
  Open311Service as Open311ServiceItem,
} from './open311.dto';
import { Open311Error } from './open311.filter';

/** Who a public report is attributed to: the public, recorded by 县环委办 (L1); never the person's details. */
export const PUBLIC_REPORTER: Actor = {
  id: 'open311-public',
  name: '群众举报（Open311）',
  unitCode: DEFAULT_ORGANISATION.ecoOffice,
  roles: [],
};

const CLOSED_STATES: readonly IssueStatus[] = ['closed', 'archived'];
const LIST_LIMIT = 200;

interface RequestRow {
  code: string;
  status: IssueStatus;
  category: string;
  category_name: string | null;
  description: string;
  agency: string | null;
  reported_at: Date;
  updated_at: Date;
  deadline: Date | null;
  township_name: string | null;
  lat: number | null;
  lng: number | null;
}

const REQUEST_SELECT = `SELECT i.code, i.status, i.category, c.name AS category_name, i.description,
    so.name AS agency, i.reported_at, i.updated_at, i.deadline, tw.name AS township_name, i.lat, i.lng
  FROM issues i
  LEFT JOIN responsibility_categories c ON c.code = i.category
  LEFT JOIN units so ON so.code = i.sector_owner
  LEFT JOIN units tw ON tw.code = i.township`;

function toRequest(row: RequestRow): Open311Request {
  return {
    service_request_id: row.code,
    status: CLOSED_STATES.includes(row.status) ? 'closed' : 'open',
    status_notes: STATUS_LABELS[row.status] ?? row.status,
    service_name: row.category_name ?? row.category,
    service_code: row.category,
    description: row.description,
    agency_responsible: row.agency ?? '',
    service_notice: null,
    requested_datetime: row.reported_at.toISOString(),
    updated_datetime: row.updated_at.toISOString(),
    expected_datetime: row.deadline ? row.deadline.toISOString() : null,
    address: row.township_name ?? '',
    lat: row.lat,
    long: row.lng,
    media_url: null,
  };
}

/** Open311 GeoReport v2 over the responsibility catalog and the issues reported by the public (L1). */
@Injectable()
export class Open311Service {
  constructor(
    private readonly dataSource: DataSource,
    private readonly issues: IssuesService,
  ) {}

  async services(): Promise<Open311ServiceItem[]> {
    const rows = await this.dataSource.query<
      Array<{ code: string; name: string; description: string; owner: string | null }>
    >(
      `SELECT c.code, c.name, c.description, u.name AS owner
       FROM responsibility_categories c LEFT JOIN units u ON u.code = c.owner_unit_code
       ORDER BY c.code`,
    );
    return rows.map((row) => ({
      service_code: row.code,
      service_name: row.name,
      description: row.description || row.name,
      metadata: false,
      type: 'realtime',
      keywords: '',
      group: row.owner ?? '',
    }));
  }

  async list(query: Open311ListQueryDto): Promise<Open311Request[]> {
    const where = [`i.source = 'public_report'`];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.service_code) {
      const codes = query.service_code
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean);
      where.push(`i.category = ANY(${param(codes)}::varchar[])`);
    }
    if (query.start_date) where.push(`i.reported_at >= ${param(new Date(query.start_date))}`);
    if (query.end_date) where.push(`i.reported_at <= ${param(new Date(query.end_date))}`);
    if (query.status === 'closed') where.push(`i.status = ANY(${param(CLOSED_STATES)}::varchar[])`);
    if (query.status === 'open') where.push(`NOT (i.status = ANY(${param(CLOSED_STATES)}::varchar[]))`);
    const rows = await this.dataSource.query<RequestRow[]>(
      `${REQUEST_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.reported_at DESC, i.code DESC LIMIT ${LIST_LIMIT}`,
      params,
    );
    return rows.map(toRequest);
  }

  async one(id: string): Promise<Open311Request[]> {
    const [row] = isIssueCode(id)
      ? await this.dataSource.query<RequestRow[]>(
          `${REQUEST_SELECT} WHERE i.code = $1 AND i.source = 'public_report'`,
          [id],
        )
      : [];
    if (!row) throw new Open311Error(404, `No service request has the id ${id.slice(0, 64)}.`);
    return [toRequest(row)];
  }

  /** Starts the issue's lifecycle like any report, with source public_report and finder unit 县环委办. */
  async create(dto: Open311CreateRequestDto): Promise<{ code: string; workflowId: string }> {
    const [category] = await this.dataSource.query<Array<{ name: string }>>(
      `SELECT name FROM responsibility_categories WHERE code = $1`,
      [dto.service_code],
    );
    if (!category)
      throw new Open311Error(400, `service_code ${dto.service_code.slice(0, 64)} is not a service.`);
    const report = Object.assign(new CreateIssueDto(), {
      title: `群众举报：${category.name}`,
      description: dto.address_string ? `${dto.description}\n地址：${dto.address_string}` : dto.description,
      category: dto.service_code,
      severity: 'general',
      source: 'public_report',
      township: dto.township,
      location: { lat: dto.lat, lng: dto.long },
      evidence: [],
    } satisfies CreateIssueDto);
    const started = await this.issues.report(report, PUBLIC_REPORTER);
    return { code: started.code, workflowId: started.workflowId };
  }
}
