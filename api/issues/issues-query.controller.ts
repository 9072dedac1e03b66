import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ISSUE_PAGE_SCHEMA, POSSIBLE_DUPLICATES_SCHEMA } from './issues.schemas';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ListIssuesQueryDto,
  PossibleDuplicatesQueryDto,
  type IssueListItem,
  type PossibleDuplicate,
} from './issues-query.dto';
import { IssuesQueryService } from './issues-query.service';
import { type Page } from '../../domain/common/page';

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
      '按状态、相关单位、乡镇、类别、严重程度、逾期、督办级别、县级督办、问责标记、上报日期和文字筛选，分页返回。县环委办和总（副总）网格长可见全部；其他单位只见其台账中的、由其负责的或待其处理的问题。Filters combine with AND; 县环委办 and the county heads see every issue, any other unit the issues in its ledgers, that it owns, or that await it.',
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }', schema: ISSUE_PAGE_SCHEMA })
  list(@Query() query: ListIssuesQueryDto, @CurrentActor() actor: Actor): Promise<Page<IssueListItem>> {
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
