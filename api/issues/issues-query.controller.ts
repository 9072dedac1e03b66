import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ISSUE_PAGE_SCHEMA, POSSIBLE_DUPLICATES_SCHEMA } from './issues.schemas';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ListIssuesQueryDto, PossibleDuplicatesQueryDto, type PossibleDuplicate } from './issues-query.dto';
import { IssuesQueryService, type IssuePage } from './issues-query.service';

/** 问题查询 Lists and searches of issues from the read model. Registered before IssuesController (`:code`). */
@ApiTags('issues')
@ApiBearerAuth()
@Controller('api/v1/issues')
export class IssuesQueryController {
  constructor(private readonly query: IssuesQueryService) {}

  @Get()
  @ApiOperation({
    summary: '问题列表与检索 List and search issues',
    description:
      '按状态、相关单位、乡镇、类别、严重程度、逾期、督办级别、县级督办、问责标记、上报日期和文字筛选，分页返回。县环委办和总（副总）网格长可见全部；其他单位只见其台账中的、由其负责的或待其处理的问题。Filters combine with AND; 县环委办 and the county heads see every issue, any other unit the issues in its ledgers, that it owns, or that await it. 翻页（Q2）：答复带 nextCursor，作为 cursor 传回即按键集读下一页；只有不带 cursor 的请求计数 total（25 毫秒内数不完时给出估计值，totalEstimated 为 true），带 cursor 的页沿用首页的计数。 Paging (Q2): each answer carries `nextCursor`; send it back as `cursor` for the next page (keyset, as cheap deep as on the first page). Only a request without `cursor` counts `total` (the first page, or an offset `page` as first published): exactly when that takes at most 25 ms, else PostgreSQL’s estimate with `totalEstimated: true`; a keyset page repeats the first page’s count. 文字检索用三元组索引（pg_trgm）。 Text search uses trigram indexes (pg_trgm).',
  })
  @ApiOkResponse({
    description: '{ items, page, pageSize, total, totalEstimated, nextCursor }',
    schema: ISSUE_PAGE_SCHEMA,
  })
  list(@Query() query: ListIssuesQueryDto, @CurrentActor() actor: Actor): Promise<IssuePage> {
    return this.query.list(query, actor);
  }

  @Get('possible-duplicates')
  @ApiOperation({
    summary: '疑似重复问题 Possible duplicates (L1)',
    description:
      '同一类别、50米以内、尚未建档的问题，由近及远；上报前查重用。Open (not archived) issues of the same category within 50 m, nearest first. Shows only codes, titles and states, to any authenticated user, so a reporter can check before reporting.',
  })
  @ApiOkResponse({
    description: 'The nearby open issues of the category.',
    schema: POSSIBLE_DUPLICATES_SCHEMA,
  })
  possibleDuplicates(@Query() query: PossibleDuplicatesQueryDto): Promise<PossibleDuplicate[]> {
    return this.query.possibleDuplicates(query.category, { lat: query.lat, lng: query.lng });
  }
}
