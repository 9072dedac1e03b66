import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ResponsiblePartyDto } from '../../common/responsible-party.dto';
import {
  ISSUE_SOURCES,
  SEVERITIES,
  SUPERVISION_MEMBER_KINDS,
  type IssueSource,
  type Severity,
  type SupervisionMemberKind,
} from '../../../domain/issue/issue.types';
import { IsDateOnly, IsEvidenceList, IsText, IsUnitCode } from '../../common/validation';

// One DTO per lifecycle action, field for field the ActionData of domain/issue/actions.ts. The workflow checks the
// rules that need the issue's state; these classes refuse what is malformed before it reaches Temporal.

/** 移交移送 (L3). */
export class TransferDto {
  @IsUnitCode('受移交单位代码 Unit the issue is transferred to', { example: 'ULE' })
  toUnit!: string;

  @IsText('移交理由 Why it belongs to that unit', { example: '生活垃圾收运处置属县综合行政执法局职责' })
  reason!: string;
}

/** 受理移交 (L3). */
export class AcceptTransferDto {
  @IsText('受理意见（可选） Optional note', { optional: true, example: '已受理，安排网格员现场核查' })
  note?: string;
}

/** 退回移交 (L3). */
export class ReturnTransferDto {
  @IsText('退回理由：非本单位职责 Why it is not this unit’s duty', { example: '该河段属水务局管理范围' })
  reason!: string;
}

/** 县环委办确定责任单位 (L3). */
export class AssignOwnerDto {
  @IsUnitCode('确定的责任单位代码 The unit that owns the issue', { example: 'ULE' })
  unit!: string;

  @IsText('说明（可选） Optional note', { optional: true, example: '经研究由县综合行政执法局牵头整改' })
  note?: string;

  @IsText(
    '定责理由：确定由退回该问题的单位负责时必填 Why it is the duty of the unit that returned it (required to assign it back)',
    { optional: true, example: '经核查，该河段属县水务局河道岸线管理职责范围' },
  )
  reason?: string;
}

/** 反馈查处结果 (L3). */
export class ReportTransferFeedbackDto {
  @IsText('查处结果 Result of the investigation, fed back to the transferring unit', {
    example: '已清运垃圾20立方米，对责任人批评教育',
  })
  result!: string;
}

/** 立行立改 (L4). */
export class RecordImmediateFixDto {
  @IsText('整改情况 What was fixed on the spot', { example: '现场清运垃圾并设置警示牌' })
  description!: string;

  @IsEvidenceList('整改证据 Evidence of the fix (at least one)')
  evidence!: string[];
}

/** 确认立行立改 (L4). */
export class ConfirmFixDto {
  @IsText('确认意见 Confirmation opinion', { example: '经现场核实，整改到位' })
  opinion!: string;
}

/** 不予确认 (L4). */
export class RejectFixDto {
  @IsText('不予确认理由 Why the fix is not confirmed', { example: '现场仍有少量垃圾未清运' })
  reason!: string;
}

export class PlanMilestoneDto {
  @IsDateOnly('节点日期 Milestone date', { example: '2026-12-15' })
  date!: string;

  @IsText('节点内容 What is done by then', { max: 1000, example: '完成垃圾清运' })
  description!: string;
}

export class ProgressMilestoneDto extends PlanMilestoneDto {
  @ApiPropertyOptional({ description: '是否完成 Done', example: true })
  @IsOptional()
  @IsBoolean()
  done?: boolean;
}

/** 五定工作表 (L5). */
export class SubmitPlanDto {
  @IsText('定责任单位 Responsible unit', { max: 200, example: '县综合行政执法局' })
  responsibleUnit!: string;

  @IsText('定责任人 Responsible person', { max: 200, example: '执法局直接负责人' })
  responsiblePerson!: string;

  @ApiPropertyOptional({
    description:
      '责任人的人员编号：逾期提醒和督办按编号送达（L10） The responsible person’s member id: the ladder’s notices reach them by id',
    example: 'demo-ule-leader',
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  responsibleMemberId?: string;

  @IsText('定整改措施 Measures', { example: '清运垃圾，设置围挡和警示牌，纳入日常保洁' })
  measures!: string;

  @IsDateOnly('定整改时限 Last day of rectification', { example: '2026-12-31' })
  timeLimit!: string;

  @IsText('定整改目标 Target', { max: 2000, example: '河段无垃圾堆放，群众满意' })
  target!: string;

  @ApiPropertyOptional({ description: '整改节点 Milestones', type: [PlanMilestoneDto], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanMilestoneDto)
  milestones?: PlanMilestoneDto[];
}

/** 报送整改进展 (L7). */
export class ReportProgressDto {
  @IsText('进展情况 Progress', { example: '已完成垃圾清运，正在设置围挡' })
  note!: string;

  @ApiPropertyOptional({
    description: '更新后的整改节点 Milestones as now planned',
    type: [ProgressMilestoneDto],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProgressMilestoneDto)
  milestones?: ProgressMilestoneDto[];

  @IsDateOnly('整改时限（不可借进展报送变更，须申请延期） Time limit; a change needs an extension (L7, L8)', {
    optional: true,
  })
  timeLimit?: string;
}

/** 申请延期 (L8). */
export class RequestExtensionDto {
  @IsText('延期理由 Why more time is needed', { example: '雨季施工受阻' })
  reason!: string;

  @IsDateOnly('申请的新整改时限 Proposed time limit', { example: '2027-01-29' })
  proposedTimeLimit!: string;
}

/** 审批延期 (L8). */
export class DecideExtensionDto {
  @ApiProperty({ description: '是否同意 Approved', example: true })
  @IsBoolean()
  approved!: boolean;

  @IsText('审批意见 Decision note', { example: '同意延期至1月29日' })
  note!: string;
}

export class JointTaskDto {
  @IsUnitCode('单位代码 Unit', { example: 'EEB' })
  unit!: string;

  @IsText('调查任务 Task', { max: 2000, example: '监测河段水质' })
  task!: string;

  @IsDateOnly('完成时限 Due date', { example: '2026-12-18' })
  dueDate!: string;
}

/** 组织联合调查 (L11). */
export class StartJointInvestigationDto {
  @ApiProperty({ description: '牵头单位及任务 Lead unit and its task', type: JointTaskDto })
  @ValidateNested()
  @Type(() => JointTaskDto)
  lead!: JointTaskDto;

  @ApiProperty({ description: '配合单位及任务 Co-units and their tasks', type: [JointTaskDto], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => JointTaskDto)
  coUnits!: JointTaskDto[];
}

/** 报送联合调查结果 (L11). */
export class ReportJointFindingDto {
  @IsText('调查结果 Finding', { example: '河段COD超标，系上游养殖场直排所致' })
  finding!: string;
}

/** 会商 (L12, P5). */
export class RecordConsultationDto {
  @IsDateOnly('会商日期 Date of the consultation', { example: '2026-12-02' })
  date!: string;

  @ApiProperty({
    description:
      '参会人员（重大问题会商至少2人，由网格长召集） Attendees (a major issue’s consultation: at least 2, convened by a grid head)',
    type: [String],
    minItems: 1,
    example: ['副县长', '县环委办主任'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(128, { each: true })
  attendees!: string[];

  @IsText('会议纪要 Minutes', { max: 20000, example: '研究确定整改方案及责任分工' })
  minutes!: string;

  @ApiProperty({
    description: '会商决定（至少1项） Decisions (at least one)',
    type: [String],
    example: ['由执法局牵头整改'],
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  decisions!: string[];

  @IsText('会商记录编号（由会商记录转入时填写，已计入P5） Id of the P5 consultation record this came from', {
    max: 64,
    optional: true,
    example: 'consultation-7d1c',
  })
  consultationId?: string;
}

export class SupervisionMemberDto {
  @IsText('姓名 Name', { max: 64, example: '杨书记' })
  name!: string;

  @ApiProperty({
    description:
      '身份 leader 组长（党支部书记）/ deputy 副组长（村主任）/ party_member 党员 / retired_cadre 离退休干部 / former_village_cadre 老村干 / village_group_cadre 村组干代表 / women_representative 妇女代表 / villager_representative 村民代表',
    enum: SUPERVISION_MEMBER_KINDS,
    example: 'leader',
  })
  @IsIn(SUPERVISION_MEMBER_KINDS, { message: `kind must be one of ${SUPERVISION_MEMBER_KINDS.join(', ')}` })
  kind!: SupervisionMemberKind;

  @IsText('职务（可选） Title', { max: 64, optional: true, example: '党支部书记' })
  title?: string;

  @IsText('成员账号（组长必填，组长以本人账号签字） Member account id; the leader signs with it', {
    max: 64,
    optional: true,
    example: 'demo-t-guzhou-secretary',
  })
  memberId?: string;
}

/** 成立问题整改群众监督工作领导小组 (L13). */
export class FormSupervisionGroupDto {
  @ApiProperty({ description: '小组成员 Members', type: [SupervisionMemberDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SupervisionMemberDto)
  members!: SupervisionMemberDto[];
}

/** 申请销号 (L14). */
export class ApplyForClosureDto {
  @IsText('整改情况及销号材料说明 Summary of the rectification and closure materials', {
    example: '已按五定工作表完成整改，附验收材料',
  })
  summary!: string;

  @IsEvidenceList('销号材料 Closure evidence (at least one)')
  evidence!: string[];
}

/** 验收通过 (L14). */
export class AcceptRectificationDto {
  @IsText('验收意见 Acceptance opinion', { example: '整改到位，同意销号' })
  opinion!: string;

  @ApiPropertyOptional({ description: '是否公示 Run a public notice (公示) first', example: true })
  @IsOptional()
  @IsBoolean()
  publicNotice?: boolean;
}

/** 验收退回 (L14). */
export class SendBackDto {
  @IsText('退回理由 Why the closure is sent back', { example: '缺少整改前后对比照片' })
  reason!: string;
}

/** 登记公示异议 (L14). */
export class FileObjectionDto {
  @IsText('异议人 Who objects', { max: 128, example: '村民王某' })
  objector!: string;

  @IsText('异议内容 Objection', { example: '河段仍有异味' })
  content!: string;
}

/** 处理公示异议 (L14). */
export class ResolveObjectionDto {
  @ApiProperty({ description: '异议序号 Number of the objection', example: 1, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  objection!: number;

  @ApiProperty({ description: '异议是否成立 Is the objection valid', example: false })
  @IsBoolean()
  valid!: boolean;

  @IsText('处理意见 Resolution note', { example: '经复核，异味来自上游，非本问题' })
  note!: string;
}

/** 销号签字 (L6, L14). */
export class SignOffDto {
  @IsText('销号意见 Sign-off opinion', { example: '同意销号' })
  opinion!: string;
}

/** 群众监督小组签字 (L13). */
export class SupervisionGroupSignOffDto {
  @IsText('组长姓名（旧版流程；现由组长本人账号签字） Name of the group leader (definition v2 only)', {
    max: 128,
    optional: true,
    example: '杨书记',
  })
  leaderName?: string;

  @IsText('监督小组意见 Opinion of the group', { example: '群众满意，同意销号' })
  opinion!: string;
}

/** 调整问题性质 (L12): 县环委办 or a county grid head raises an issue to major, or lowers it. */
export class ChangeSeverityDto {
  @ApiProperty({ description: '问题性质 general 一般 / major 重大', enum: SEVERITIES, example: 'major' })
  @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity!: Severity;

  @IsText('调整理由 Why', { example: '涉及集中式饮用水水源保护区，影响群众饮水安全' })
  reason!: string;
}

/** 认定须成立群众监督小组 (L13): wide impact or strong public concern. */
export class RequireSupervisionGroupDto {
  @IsText('认定理由（影响较大、群众关注度较高） Why', { example: '群众多次信访，媒体关注' })
  reason!: string;
}

/** 准予再次申请延期 (L8). */
export class AllowAnotherExtensionDto {
  @IsText('准予理由 Why another extension may be asked for', { example: '汛期持续，施工条件受限' })
  reason!: string;
}

/** 更正问题来源 (L16, P7): 县环委办 corrects a self-declared source, on the record. */
export class CorrectSourceDto {
  @ApiProperty({
    description:
      '更正后的问题来源：patrol 巡查、resident_visit 走访群众、public_report 群众举报、higher_referral 上级交办、media 新闻媒体曝光 The corrected source',
    enum: ISSUE_SOURCES,
    example: 'media',
  })
  @IsIn(ISSUE_SOURCES, { message: `source must be one of ${ISSUE_SOURCES.join(', ')}` })
  source!: IssueSource;

  @IsText('更正理由 Why the source is corrected', { example: '经核实，该问题系新闻媒体先行曝光' })
  reason!: string;

  @ApiPropertyOptional({
    description:
      '巡查记录编号（更正为巡查发现时必填） The patrol record it was found on, required for patrol',
    example: 'c0a8012e-7d1f-4d9b-9a51-000000000001',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  patrolId?: string;
}

/** 认定责任主体（业主） (L21): the owner names the enterprise or person responsible. */
export class NameResponsiblePartyDto extends ResponsiblePartyDto {
  @IsText('认定说明 Note', { max: 2000, optional: true, example: '经现场核查，污染来源为该养殖场' })
  note?: string;
}

/** 重新打开 (L14): an archived issue recurred. */
export class ReopenIssueDto {
  @IsText('重新打开的理由 Why the issue is reopened', { example: '问题反弹，河道再次出现垃圾堆放' })
  reason!: string;
}

/** 恢复处理 (S4): what an operator fixed before resuming an issue that needs attention. */
export class ResumeIssueDto {
  @IsText('修正了什么 What was fixed', { example: '已修正组织机构数据，删除了拒绝写入的触发器' })
  note!: string;
}
