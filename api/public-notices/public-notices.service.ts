import { Injectable } from '@nestjs/common';
import { DEFAULT_ORGANISATION, type Actor } from '../../domain/organisation/roles';
import { isIssueCode } from '../../domain/issue/issue-code';
import { IssueRepository, type PublicNoticeRow } from '../../persistence/repositories/issue.repository';
import { PublicObjectionRepository } from '../../persistence/repositories/public-objection.repository';
import { assertEcoOffice } from '../common/access';
import { IssuesService } from '../issues/issues.service';
import type {
  PublicNotice,
  PublicObjectionDto,
  PublicObjectionReceipt,
  PublicObjectionRecord,
} from './public-notices.dto';
import { PublicNoticeErrors } from './public-notices.errors';
import { IssueErrors } from '../issues/issues.errors';

/**
 * Whom a public objection is attributed to: the public, filed through 县环委办 as today's fileObjection is (L14);
 * the person's contact never enters the issue.
 */
export const PUBLIC_OBJECTOR: Actor = {
  id: 'public-objector',
  name: '公众（公示异议）',
  unitCode: DEFAULT_ORGANISATION.ecoOffice,
  roles: [],
};

function toNotice(row: PublicNoticeRow): PublicNotice {
  const closure = row.closure;
  return {
    code: row.code,
    title: row.title,
    category: row.category,
    categoryName: row.category_name ?? row.category,
    township: row.township,
    townshipName: row.township_name ?? row.township,
    village: row.village,
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    reportedAt: row.reported_at.toISOString(),
    ownerName: row.owner_name,
    rectification: {
      summary: closure?.application?.summary ?? null,
      measures: row.plan?.measures ?? null,
      target: row.plan?.target ?? null,
    },
    acceptance: closure?.acceptance?.opinion ?? null,
    notice: {
      startedAt: closure?.publicNotice?.startedAt ?? '',
      endsAt: closure?.publicNotice?.endsAt ?? '',
    },
    objections: closure?.publicNotice?.objections.length ?? 0,
  };
}

/** 公示 for everyone (L14): what a public notice shows, and objections from anyone, without a login. */
@Injectable()
export class PublicNoticesService {
  constructor(
    private readonly readModel: IssueRepository,
    private readonly objections: PublicObjectionRepository,
    private readonly issues: IssuesService,
  ) {}

  async list(): Promise<PublicNotice[]> {
    return (await this.readModel.publicNotices()).map(toNotice);
  }

  async one(code: string): Promise<PublicNotice> {
    const [row] = isIssueCode(code) ? await this.readModel.publicNotices(code) : [];
    if (!row) throw PublicNoticeErrors.notFound(code.slice(0, 32));
    return toNotice(row);
  }

  /** Files the objection on the issue as fileObjection; the workflow refuses it once the notice is over. */
  async object(code: string, dto: PublicObjectionDto): Promise<PublicObjectionReceipt> {
    await this.one(code);
    const name = dto.name?.trim() || null;
    const state = await this.issues.act(code, 'fileObjection', PUBLIC_OBJECTOR, {
      objector: name ? `公众：${name}` : '公众（未留名）',
      content: dto.content,
    });
    const objection = state.closure.publicNotice?.objections.length ?? 0;
    await this.objections.record({
      issueCode: code,
      objection,
      name,
      contact: dto.contact?.trim() || null,
      content: dto.content,
    });
    return {
      code,
      objection,
      message: '异议已登记，县环委办将核实处理。The objection is filed; 县环委办 will look into it.',
    };
  }

  /** The public's objections to one issue with their contacts, for 县环委办 only. */
  async contacts(code: string, actor: Actor): Promise<PublicObjectionRecord[]> {
    assertEcoOffice(actor, 'read the contacts of public objections');
    // What is not an issue code names no issue: the same 404 as for an unknown one.
    if (!isIssueCode(code)) throw IssueErrors.notFound(code.slice(0, 32));
    return this.objections.ofIssue(code);
  }
}
