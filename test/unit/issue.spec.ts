import { DEFAULT_CALENDAR } from '../../domain/calendar';
import { formatIssueCode, isIssueCode, issueCodeYear, issueWorkflowId } from '../../domain/issue/issue-code';
import { initialIssueState, issueSummary } from '../../domain/issue/issue-state';
import {
  applyAction,
  archiveManifest,
  checkAction,
  startIssue,
  type LifecycleContext,
} from '../../domain/issue/lifecycle';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import { actors, lifecycleInput } from '../support/lifecycle-fixtures';
import type { IssueLifecycleInput } from '../../domain/issue/issue.types';
import { searchAttributeCliFlags } from '../../workflows/issue/issue.search-attributes';

const input: IssueLifecycleInput = {
  code: '2026-000007',
  report: {
    title: '医疗废物随意堆放',
    description: '卫生院后院医疗废物未分类',
    category: 'medical_waste',
    severity: 'major',
    source: 'media',
    township: 'T-ZAIHAO',
    finderUnit: 'ECO',
    reportedBy: '县环委办 值班员',
    evidence: [],
  },
  sectorOwner: 'HLT',
  territorialOwner: 'T-ZAIHAO',
  definitionVersion: '1',
  reportedAt: '2026-05-06T02:00:00.000Z',
};

describe('issue codes', () => {
  it('are year plus a six-digit sequence, and name the workflow', () => {
    expect(formatIssueCode(2026, 42)).toBe('2026-000042');
    expect(isIssueCode('2026-000042')).toBe(true);
    expect(isIssueCode('2026-42')).toBe(false);
    expect(isIssueCode("2026-000042' OR 1=1")).toBe(false);
    expect(issueWorkflowId('2026-000042')).toBe('issue-2026-000042');
  });

  it('L2: take the Beijing year of the report: 1 January before 08:00 Beijing is already the new year', () => {
    // 2027-01-01 07:30 Beijing is still 2026-12-31 in UTC.
    expect(issueCodeYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(issueCodeYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(issueCodeYear(new Date('2027-12-31T16:00:00Z'))).toBe(2028);
  });

  it('refuse a sequence outside 1..999999', () => {
    expect(() => formatIssueCode(2026, 0)).toThrow(RangeError);
    expect(() => formatIssueCode(2026, 1_000_000)).toThrow(/outside/);
  });
});

describe(startIssue.name, () => {
  const at = Date.parse('2027-03-01T02:00:00Z');
  const ctx = (now = at): LifecycleContext => ({
    definition: ISSUE_PROCESS,
    calendar: DEFAULT_CALENDAR,
    now,
  });

  it('L6: the territorial owner carries a new issue from the report, the sector owner from its acceptance', () => {
    const { state, events } = startIssue(
      lifecycleInput('2027-000900', { reportedAt: new Date(at).toISOString() }),
      ctx(),
    );
    expect(state).toMatchObject({ sectorOwner: 'ULE', territorialOwner: 'T-GUZHOU', owner: null });
    expect(events[0]?.ledger).toEqual([
      { op: 'open', unit: 'WRB', role: 'finder' },
      { op: 'open', unit: 'T-GUZHOU', role: 'territorial_owner' },
    ]);
    const transfer = {
      action: 'transfer' as const,
      actor: actors.wrbMember,
      data: { toUnit: 'ULE', reason: '执法局职责' },
    };
    expect(checkAction(state, transfer, ctx())).toBeNull();
    applyAction(state, transfer, ctx());
    const accept = { action: 'acceptTransfer' as const, actor: actors.uleMember, data: {} };
    const accepted = applyAction(state, accept, ctx());
    expect(accepted.flatMap((e) => e.ledger)).toContainEqual({
      op: 'open',
      unit: 'ULE',
      role: 'sector_owner',
    });
    expect(state).toMatchObject({
      status: 'accepted',
      owner: 'ULE',
      sectorOwner: 'ULE',
      territorialOwner: 'T-GUZHOU',
    });
  });

  it('L9: the memo marks a provisional deadline and names the units in Chinese (definition 3)', () => {
    const december = Date.parse('2027-12-30T02:00:00Z');
    const input = lifecycleInput('2027-000901', {
      reportedAt: new Date(december).toISOString(),
      organisation: { ecoOffice: 'ECO', unitNames: { 'T-GUZHOU': '古州镇', ULE: '县综合行政执法局' } },
    });
    const { state } = startIssue(input, ctx(december));
    expect(issueSummary(state)).toBe(
      '[一般] 河道倾倒生活垃圾 · 古州镇 · 已上报 · 期限暂定 · 责任单位 县综合行政执法局/古州镇',
    );
  });

  it('summarises a v1 issue in one Chinese line for the workflow memo, as it always did', () => {
    expect(issueSummary(initialIssueState(input))).toBe(
      '[重大] 医疗废物随意堆放 · T-ZAIHAO · 已上报 · 责任单位 HLT/T-ZAIHAO',
    );
  });
});

describe(archiveManifest.name, () => {
  const ctx: LifecycleContext = { definition: ISSUE_PROCESS, calendar: DEFAULT_CALENDAR, now: 0 };
  const closedState = (definitionVersion: string) => {
    const input = lifecycleInput('2027-000902', {
      definitionVersion,
      reportedAt: '2027-03-01T02:00:00.000Z',
      organisation: { ecoOffice: 'ECO', unitNames: { ULE: '县综合行政执法局', 'T-GUZHOU': '古州镇' } },
    });
    const { state } = startIssue(input, ctx);
    state.closure.application = {
      summary: '已清运',
      evidence: ['ev-after-1', 'ev-after-2'],
      at: '2027-03-20T02:00:00.000Z',
    };
    state.closure.signOffs.sector = {
      by: '执法局局长',
      unit: 'ULE',
      at: '2027-03-25T01:30:00.000Z',
      opinion: '同意',
    };
    return state;
  };

  it('L14: the manifest lists the evidence by id, names units in Chinese and gives Beijing time (definition 3)', () => {
    const manifest = archiveManifest(closedState(ISSUE_PROCESS.version));
    expect(manifest[0]).toEqual({
      item: '问题上报',
      detail: '河道倾倒生活垃圾（2027-03-01 10:00（北京时间），证据：photo-1）',
      evidence: ['photo-1'],
    });
    expect(manifest).toContainEqual({
      item: '整改证明材料',
      detail: '证据：ev-after-1、ev-after-2',
      evidence: ['ev-after-1', 'ev-after-2'],
    });
    expect(manifest).toContainEqual({
      item: '行业主管部门销号',
      detail: '县综合行政执法局 执法局局长 2027-03-25 09:30（北京时间）',
    });
  });

  it('an issue under definition 2 keeps the manifest it was started with', () => {
    const manifest = archiveManifest(closedState('2'));
    expect(manifest).toContainEqual({ item: '整改证明材料', detail: '2 份' });
    expect(manifest).toContainEqual({
      item: '行业主管部门销号',
      detail: 'ULE 执法局局长 2027-03-25T01:30:00.000Z',
    });
  });
});

describe(searchAttributeCliFlags.name, () => {
  it('registers each custom search attribute with the Temporal CLI type names', () => {
    const flags = searchAttributeCliFlags();
    expect(flags.filter((f) => f !== '--search-attribute')).toEqual([
      'IssueStatus=Keyword',
      'OwnerUnit=Keyword',
      'TerritorialUnit=Keyword',
      'Township=Keyword',
      'Category=Keyword',
      'Severity=Keyword',
      'IssueDeadline=Datetime',
      'Overdue=Bool',
      'EscalationLevel=Int',
      'NeedsAttention=Bool',
      'DutyKind=Keyword',
      'DutyStatus=Keyword',
      'DutyDue=Datetime',
    ]);
  });
});
