import { Injectable } from '@nestjs/common';
import { DEFAULT_ORGANISATION, type Actor } from '../../domain/organisation/roles';
import type { IssueStatus } from '../../domain/issue/issue.types';
import { isIssueCode } from '../../domain/issue/issue-code';
import { CatalogRepository } from '../../persistence/repositories/catalog.repository';
import { IssueRepository, type PublicRequestRow } from '../../persistence/repositories/issue.repository';
import { CreateIssueDto } from '../issues/dto/create-issue.dto';
import { IssuesService } from '../issues/issues.service';
import { STATUS_LABELS } from '../common/issue-labels';
import type {
  Open311CreateRequestDto,
  Open311ListQueryDto,
  Open311Request,
  Open311Service as Open311ServiceItem,
  Open311ServiceDefinition,
} from './open311.dto';
import { Open311Error } from './open311.filter';
import { EvidenceService } from '../evidence/evidence.service';
import { sniffMediaType } from '../evidence/media-type';

/** Who a public report is attributed to: the public, recorded by 县环委办 (L1); never the person's details. */
export const PUBLIC_REPORTER: Actor = {
  id: 'open311-public',
  name: '群众举报（Open311）',
  unitCode: DEFAULT_ORGANISATION.ecoOffice,
  roles: [],
};

const CLOSED_STATES: readonly IssueStatus[] = ['closed', 'archived'];
const LIST_LIMIT = 200;

function toRequest(row: PublicRequestRow): Open311Request {
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
    private readonly catalog: CatalogRepository,
    private readonly readModel: IssueRepository,
    private readonly issues: IssuesService,
    private readonly evidenceFiles: EvidenceService,
  ) {}

  async services(): Promise<Open311ServiceItem[]> {
    const rows = await this.catalog.withOwners();
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

  /** GeoReport v2 service definition: no service asks for more than the standard fields. */
  async definition(code: string): Promise<Open311ServiceDefinition> {
    const category = await this.catalog.category(code);
    if (!category) throw new Open311Error(404, `No service has the code ${code.slice(0, 64)}.`);
    return { service_code: category.code, attributes: [] };
  }

  async list(query: Open311ListQueryDto): Promise<Open311Request[]> {
    if (query.service_request_id !== undefined) return this.byIds(query.service_request_id);
    const rows = await this.readModel.publicRequests(
      {
        ...(query.service_code
          ? {
              categories: query.service_code
                .split(',')
                .map((code) => code.trim())
                .filter(Boolean),
            }
          : {}),
        ...(query.start_date ? { from: withinRecords(query.start_date) } : {}),
        ...(query.end_date ? { to: withinRecords(query.end_date) } : {}),
        ...(query.status === 'closed' || query.status === 'open'
          ? { closed: query.status === 'closed' }
          : {}),
      },
      CLOSED_STATES,
      LIST_LIMIT,
    );
    return rows.map(toRequest);
  }

  /** The requests of a comma-separated id list (at most 50), in its order; unknown ids are left out. */
  private async byIds(list: string): Promise<Open311Request[]> {
    const ids = [...new Set(list.split(',').map((id) => id.trim()))].filter(isIssueCode).slice(0, 50);
    const rows = await Promise.all(ids.map((id) => this.readModel.publicRequest(id)));
    return rows.filter((row): row is PublicRequestRow => row !== undefined && row !== null).map(toRequest);
  }

  async one(id: string): Promise<Open311Request[]> {
    const row = isIssueCode(id) ? await this.readModel.publicRequest(id) : undefined;
    if (!row) throw new Open311Error(404, `No service request has the id ${id.slice(0, 64)}.`);
    return [toRequest(row)];
  }

  /** A photo sent with a public report, stored as evidence; anything but an image is refused. */
  private async photo(media: { buffer: Buffer; originalname: string }): Promise<string> {
    if (!['image/jpeg', 'image/png', 'image/webp'].includes(sniffMediaType(media.buffer) ?? ''))
      throw new Open311Error(400, 'media must be a JPEG, PNG or WebP photo.');
    const { evidence } = await this.evidenceFiles.store(media.buffer, media.originalname, PUBLIC_REPORTER);
    return evidence.id;
  }

  /** Starts the issue's lifecycle like any report, with source public_report and finder unit 县环委办. */
  async create(
    dto: Open311CreateRequestDto,
    media?: { buffer: Buffer; originalname: string },
  ): Promise<{ code: string; workflowId: string }> {
    const category = await this.catalog.category(dto.service_code);
    if (!category)
      throw new Open311Error(400, `service_code ${dto.service_code.slice(0, 64)} is not a service.`);
    const evidence = media ? [await this.photo(media)] : [];
    const report = Object.assign(new CreateIssueDto(), {
      title: `群众举报：${category.name}`,
      description: dto.address_string ? `${dto.description}\n地址：${dto.address_string}` : dto.description,
      category: dto.service_code,
      severity: 'general',
      source: 'public_report',
      township: dto.township,
      location: { lat: dto.lat, lng: dto.long },
      // An uploaded photo is stored evidence; a photo's URL is kept as a reference, as written (no file's id).
      evidence: [...evidence, ...(dto.media_url ? [dto.media_url] : [])],
    } satisfies CreateIssueDto);
    const started = await this.issues.report(report, PUBLIC_REPORTER);
    return { code: started.code, workflowId: started.workflowId };
  }
}

/** No record is older than 1970 or newer than 9999: any valid date-time bounds the search as one inside that span. */
function withinRecords(dateTime: string): Date {
  const EARLIEST = Date.UTC(1970, 0, 1);
  const LATEST = Date.UTC(9999, 11, 31);
  return new Date(Math.min(Math.max(Date.parse(dateTime), EARLIEST), LATEST));
}
