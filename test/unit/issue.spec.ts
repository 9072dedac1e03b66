import { formatIssueCode, isIssueCode, issueWorkflowId } from '../../domain/issue/issue-code';
import { initialIssueState, issueSummary } from '../../domain/issue/issue-state';
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

  it('refuse a sequence outside 1..999999', () => {
    expect(() => formatIssueCode(2026, 0)).toThrow(RangeError);
    expect(() => formatIssueCode(2026, 1_000_000)).toThrow(/outside/);
  });
});

describe(initialIssueState.name, () => {
  it('L6: a new issue carries both a sector owner and a territorial owner, and awaits the sector owner', () => {
    const state = initialIssueState(input);
    expect(state).toMatchObject({
      status: 'reported',
      sectorOwner: 'HLT',
      territorialOwner: 'T-ZAIHAO',
      awaiting: ['HLT'],
      overdue: false,
      escalationLevel: 0,
      eventCount: 0,
    });
  });

  it('summarises the issue in one Chinese line for the workflow memo', () => {
    expect(issueSummary(initialIssueState(input))).toBe(
      '[重大] 医疗废物随意堆放 · T-ZAIHAO · 已上报 · 责任单位 HLT/T-ZAIHAO',
    );
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
