/**
 * The issue lifecycle as a BPMN-style process definition: states, the actions allowed in each and who may take
 * them, the timers on each state and the transitions. The workflow executes this definition, the tests check the
 * workflow against it, and it exports as BPMN 2.0 XML. Changing the process means changing this data and its
 * version; each issue records the version it runs under.
 */

export const ISSUE_PROCESS_DEFINITION_ID = 'issue-lifecycle';
/** The version new issues start under; older ones keep running under theirs (`process-registry.ts`). */
export const ISSUE_PROCESS_DEFINITION_VERSION = '3';

export const STATE_IDS = [
  'reported',
  'transferred',
  'owner_pending',
  'accepted',
  'fix_confirmation',
  'rectifying',
  'joint_investigation',
  'awaiting_acceptance',
  'public_notice',
  'awaiting_signoff',
  'closed',
  'archived',
] as const;
export type StateId = (typeof STATE_IDS)[number];

/**
 * Who may act, relative to the issue. The workflow decides membership from the actor (from the token) and the
 * issue's state: e.g. `owner` is any member of the unit now responsible for rectification.
 */
export const PARTIES = [
  'finder',
  'owner',
  'sector_owner',
  'territorial_owner',
  'transfer_target',
  'owner_leader',
  'eco_office',
  'county_head',
  'joint_unit',
  'dispatcher',
  'cooperator',
] as const;
export type Party = (typeof PARTIES)[number];

export const PARTY_LABELS: Record<Party, string> = {
  finder: '发现单位',
  owner: '整改责任单位',
  sector_owner: '行业主管部门',
  territorial_owner: '属地乡镇（街道）',
  transfer_target: '受移交单位',
  owner_leader: '网格直接负责人或单位分管领导',
  eco_office: '县环委办',
  county_head: '总网格长或副总网格长',
  joint_unit: '联合调查牵头或配合单位',
  dispatcher: '分办督办单位（河长制：县水务局）',
  cooperator: '协调配合单位（林长制：县林业局）',
};

export const ACTION_IDS = [
  'transfer',
  'acceptTransfer',
  'returnTransfer',
  'assignOwner',
  'reportTransferFeedback',
  'recordImmediateFix',
  'confirmFix',
  'rejectFix',
  'submitPlan',
  'reportProgress',
  'requestExtension',
  'decideExtension',
  'startJointInvestigation',
  'reportJointFinding',
  'recordConsultation',
  'formSupervisionGroup',
  'applyForClosure',
  'acceptRectification',
  'sendBack',
  'fileObjection',
  'resolveObjection',
  'signOff',
  'supervisionGroupSignOff',
  'changeSeverity',
  'requireSupervisionGroup',
  'allowAnotherExtension',
  'correctSource',
  'nameResponsibleParty',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export interface ActionDefinition {
  id: ActionId;
  /** Chinese name shown to users and in the BPMN diagram. */
  label: string;
  /** SPEC rule ids this action implements. */
  rules: string[];
  /** States in which the action is allowed. */
  from: readonly StateId[];
  /** States it can lead to; several means the action's data decides (an exclusive gateway in BPMN). */
  to: readonly StateId[];
  /** Who may take it (any one of them). */
  parties: readonly Party[];
}

/** Names of the deadlines an issue can be under; each runs the escalation ladder (L10) independently. */
export const OBLIGATION_KINDS = [
  'report_handling',
  'transfer_acceptance',
  'transfer_feedback',
  'plan',
  'rectification',
  'consultation',
  'fix_confirmation',
  'closure_acceptance',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export interface TimerDefinition {
  kind: ObligationKind | 'progress_reminder' | 'public_notice_period';
  label: string;
  rules: string[];
  /** The policy value that sets the duration (unless `dueFrom` names where the deadline comes from). */
  policy: keyof DeadlinePolicy;
  /** The deadline is a date of the issue's own data, not a policy duration: the 五定 plan's time limit (L5, L8). */
  dueFrom?: 'plan.timeLimit';
  /** What happens when it fires: the ladder of escalations, a reminder, or the state moving on. */
  effect: 'escalation_ladder' | 'reminder' | 'transition';
  /** Where `effect` is 'transition', the state it leads to. */
  to?: StateId;
}

export interface StateDefinition {
  id: StateId;
  label: string;
  /** Timers that run while the issue is in this state. */
  timers: readonly TimerDefinition[];
  /** Terminal states end the workflow. */
  terminal?: boolean;
  /** A state carried out by a child process (BPMN call activity). */
  callActivity?: string;
}

/** Deadline policy (SPEC defaults). Values are configuration: the API passes the county's values at start. */
export interface DeadlinePolicy {
  /** Finder outside its duties transfers within this many working days (expected; seed says 及时). */
  reportHandlingWorkingDays: number;
  /** L3: accept or return a transfer. */
  transferAcceptWorkingDays: number;
  /** L3: investigation and feedback to the transferring unit. */
  transferFeedbackWorkingDays: number;
  /** L5: the 五定 plan after acceptance. */
  planDueWorkingDays: number;
  /** L4: confirmation of an immediate fix (expected). */
  fixConfirmationWorkingDays: number;
  /** L7: progress at least this often while rectifying (calendar days). */
  progressIntervalDays: number;
  /** L12: consultation on a major issue (expected; seed says 及时). */
  consultationDueWorkingDays: number;
  /** L14: acceptance (验收) of a closure application (expected). */
  closureAcceptanceWorkingDays: number;
  /** L14: public notice (公示) period. */
  publicNoticeWorkingDays: number;
  /** L10: reminder this many working days before a deadline. */
  reminderWorkingDaysBefore: number;
  /** L10: county supervision this many working days after a deadline. */
  countySupervisionAfterWorkingDays: number;
  /** L10: the 总网格长 this many working days after a deadline. */
  chiefEscalationAfterWorkingDays: number;
  /** L8: extensions granted per deadline before 县环委办 must allow another (definition v3 on). */
  extensionsPerDeadline: number;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  reportHandlingWorkingDays: 2,
  transferAcceptWorkingDays: 2,
  transferFeedbackWorkingDays: 10,
  planDueWorkingDays: 5,
  fixConfirmationWorkingDays: 2,
  progressIntervalDays: 7,
  consultationDueWorkingDays: 3,
  closureAcceptanceWorkingDays: 10,
  publicNoticeWorkingDays: 5,
  reminderWorkingDaysBefore: 2,
  countySupervisionAfterWorkingDays: 3,
  chiefEscalationAfterWorkingDays: 10,
  extensionsPerDeadline: 1,
};

/** The steps of the escalation ladder (L10), in order. */
export const ESCALATION_STEPS = [
  { level: 0, id: 'reminder', label: '到期前提醒责任人', rules: ['L10'] },
  { level: 1, id: 'overdue', label: '逾期：通知网格直接负责人和分网格长/网格长', rules: ['L10'] },
  { level: 2, id: 'county_supervision', label: '县级督办：通知副总网格长和县环委办', rules: ['L10'] },
  { level: 3, id: 'chief', label: '通知总网格长', rules: ['L10'] },
] as const;

const ladder = (
  kind: ObligationKind,
  label: string,
  rules: string[],
  policy: keyof DeadlinePolicy,
): TimerDefinition => ({
  kind,
  label,
  rules,
  policy,
  effect: 'escalation_ladder',
});

const OPEN_STATES: readonly StateId[] = [
  'reported',
  'transferred',
  'owner_pending',
  'accepted',
  'fix_confirmation',
  'rectifying',
  'joint_investigation',
  'awaiting_acceptance',
  'public_notice',
  'awaiting_signoff',
];

/**
 * Deadlines that are not tied to one state: opened by an action or at report time, they run their own escalation
 * ladder until fulfilled, whatever state the issue moves through meanwhile.
 */
export interface StandingDeadline {
  kind: ObligationKind;
  label: string;
  rules: string[];
  policy: keyof DeadlinePolicy;
  /** What opens it and what fulfils it. */
  openedBy: string;
  fulfilledBy: ActionId;
}

/**
 * Named switches for the rules a definition version changed: domain code checks the switch of the issue's own
 * definition, so issues started under an older version keep the behaviour (and the histories) they started with.
 */
export interface RuleSwitches {
  /** L3: the owner 县环委办 names after a return owes the transferrer feedback; assigning back needs a reason. */
  returnedTransferFeedback?: boolean;
  /** L12: severity can change; closure needs a grid head's consultation (≥ 2 attendees, ≥ 1 decision), P5 counts it. */
  majorIssueConsultation?: boolean;
  /** L4, L14: the recorder of a fix cannot confirm it; a major or supervised fix goes through 验收 and 公示. */
  immediateFixReview?: boolean;
  /** L6, L13: heads or designated sign-off officers sign; the group's leader signs with own account; flag. */
  signOffAuthority?: boolean;
  /** L8: a limited number of extensions per deadline unless 县环委办 allows another. */
  extensionLimit?: boolean;
  /** L11: a joint investigation during rectification keeps its deadline and ladder. */
  jointInvestigationKeepsRectification?: boolean;
  /** L9: deadlines beyond the calendar data count Mon–Fri, are provisional and re-planned, never refused. */
  managedCalendar?: boolean;
  /** L16: 县环委办 corrects a source (the flag follows it); a patrol find names its patrol; known problems unflagged. */
  sourceAccountability?: boolean;
  /** Notices and the archive manifest name units in Chinese, give Beijing time and list evidence ids. */
  readableTexts?: boolean;
}

export interface ProcessDefinition {
  id: string;
  version: string;
  name: string;
  /** The rules this version changed (absent: as version 2). */
  rules: RuleSwitches;
  initial: StateId;
  states: readonly StateDefinition[];
  actions: readonly ActionDefinition[];
  standingDeadlines: readonly StandingDeadline[];
  policy: DeadlinePolicy;
}

/** Version 2: the full lifecycle as issues started before version 3 run it. */
export const ISSUE_PROCESS_V2: ProcessDefinition = {
  id: ISSUE_PROCESS_DEFINITION_ID,
  version: '2',
  name: '突出生态环境问题发现和整改',
  rules: {},
  initial: 'reported',
  policy: DEFAULT_DEADLINE_POLICY,
  standingDeadlines: [
    {
      kind: 'transfer_feedback',
      label: '查处结果反馈移交单位',
      rules: ['L3', 'L10'],
      policy: 'transferFeedbackWorkingDays',
      openedBy: 'acceptTransfer',
      fulfilledBy: 'reportTransferFeedback',
    },
    {
      kind: 'consultation',
      label: '重大问题会商',
      rules: ['L12', 'P5', 'L10'],
      policy: 'consultationDueWorkingDays',
      openedBy: 'report of a major issue',
      fulfilledBy: 'recordConsultation',
    },
  ],
  states: [
    {
      id: 'reported',
      label: '已上报（记入发现单位台账）',
      timers: [ladder('report_handling', '及时移交', ['L3'], 'reportHandlingWorkingDays')],
    },
    {
      id: 'transferred',
      label: '已移交待受理',
      timers: [ladder('transfer_acceptance', '受理或退回时限', ['L3'], 'transferAcceptWorkingDays')],
    },
    { id: 'owner_pending', label: '退回，待县环委办定责', timers: [] },
    {
      id: 'accepted',
      label: '已受理，待立行立改或制定五定方案',
      timers: [ladder('plan', '五定方案时限', ['L5'], 'planDueWorkingDays')],
    },
    {
      id: 'fix_confirmation',
      label: '立行立改，待确认',
      timers: [ladder('fix_confirmation', '确认时限', ['L4'], 'fixConfirmationWorkingDays')],
    },
    {
      id: 'rectifying',
      label: '按五定方案整改中',
      timers: [
        {
          kind: 'rectification',
          label: '整改时限（五定工作表所定，批准延期后顺延）',
          rules: ['L5', 'L8', 'L10'],
          policy: 'planDueWorkingDays',
          dueFrom: 'plan.timeLimit',
          effect: 'escalation_ladder',
        },
        {
          kind: 'progress_reminder',
          label: '每周报送进展',
          rules: ['L7'],
          policy: 'progressIntervalDays',
          effect: 'reminder',
        },
      ],
    },
    { id: 'joint_investigation', label: '联合调查', timers: [], callActivity: 'jointInvestigation' },
    {
      id: 'awaiting_acceptance',
      label: '申请销号，待验收',
      timers: [ladder('closure_acceptance', '验收时限', ['L14'], 'closureAcceptanceWorkingDays')],
    },
    {
      id: 'public_notice',
      label: '公示中',
      timers: [
        {
          kind: 'public_notice_period',
          label: '公示期满',
          rules: ['L14'],
          policy: 'publicNoticeWorkingDays',
          effect: 'transition',
          to: 'awaiting_signoff',
        },
      ],
    },
    { id: 'awaiting_signoff', label: '待双销号', timers: [] },
    { id: 'closed', label: '已销号', timers: [] },
    { id: 'archived', label: '已建档', timers: [], terminal: true },
  ],
  actions: [
    {
      id: 'transfer',
      label: '移交移送',
      rules: ['L3'],
      from: ['reported', 'accepted'],
      to: ['transferred'],
      parties: ['finder', 'owner'],
    },
    {
      id: 'acceptTransfer',
      label: '受理移交',
      rules: ['L3'],
      from: ['transferred'],
      to: ['accepted'],
      parties: ['transfer_target'],
    },
    {
      id: 'returnTransfer',
      label: '退回移交（非本单位职责）',
      rules: ['L3'],
      from: ['transferred'],
      to: ['owner_pending'],
      parties: ['transfer_target'],
    },
    {
      id: 'assignOwner',
      label: '县环委办确定责任单位',
      rules: ['L3'],
      from: ['owner_pending'],
      to: ['accepted'],
      parties: ['eco_office'],
    },
    {
      id: 'reportTransferFeedback',
      label: '反馈查处结果',
      rules: ['L3'],
      from: [
        'accepted',
        'fix_confirmation',
        'rectifying',
        'awaiting_acceptance',
        'public_notice',
        'awaiting_signoff',
      ],
      to: [],
      parties: ['owner'],
    },
    {
      id: 'recordImmediateFix',
      label: '立行立改',
      rules: ['L4'],
      from: ['accepted'],
      to: ['fix_confirmation'],
      parties: ['owner'],
    },
    {
      id: 'confirmFix',
      label: '确认立行立改',
      rules: ['L4'],
      from: ['fix_confirmation'],
      to: ['awaiting_signoff'],
      parties: ['owner_leader'],
    },
    {
      id: 'rejectFix',
      label: '不予确认',
      rules: ['L4'],
      from: ['fix_confirmation'],
      to: ['accepted'],
      parties: ['owner_leader'],
    },
    {
      id: 'submitPlan',
      label: '制定五定工作表',
      rules: ['L5'],
      from: ['accepted'],
      to: ['rectifying'],
      parties: ['owner'],
    },
    {
      id: 'reportProgress',
      label: '报送整改进展',
      rules: ['L7'],
      from: ['rectifying'],
      to: [],
      parties: ['owner'],
    },
    {
      id: 'requestExtension',
      label: '申请延期',
      rules: ['L8'],
      from: ['rectifying'],
      to: [],
      parties: ['owner'],
    },
    {
      id: 'decideExtension',
      label: '审批延期',
      rules: ['L8'],
      from: ['rectifying'],
      to: [],
      parties: ['eco_office', 'county_head'],
    },
    {
      id: 'startJointInvestigation',
      label: '组织联合调查',
      rules: ['L11'],
      from: ['reported', 'owner_pending', 'accepted', 'rectifying'],
      to: ['joint_investigation'],
      parties: ['county_head'],
    },
    {
      id: 'reportJointFinding',
      label: '报送联合调查结果',
      rules: ['L11'],
      from: ['joint_investigation'],
      to: ['joint_investigation', 'accepted'],
      parties: ['joint_unit'],
    },
    {
      id: 'recordConsultation',
      label: '会商',
      rules: ['L12', 'P5'],
      from: OPEN_STATES,
      to: [],
      parties: ['owner', 'sector_owner', 'territorial_owner', 'eco_office', 'county_head'],
    },
    {
      id: 'formSupervisionGroup',
      label: '成立问题整改群众监督工作领导小组',
      rules: ['L13'],
      from: [
        'reported',
        'transferred',
        'owner_pending',
        'accepted',
        'fix_confirmation',
        'rectifying',
        'joint_investigation',
      ],
      to: [],
      parties: ['territorial_owner'],
    },
    {
      id: 'applyForClosure',
      label: '申请销号',
      rules: ['L14'],
      from: ['rectifying'],
      to: ['awaiting_acceptance'],
      parties: ['owner'],
    },
    {
      id: 'acceptRectification',
      label: '验收通过',
      rules: ['L14'],
      from: ['awaiting_acceptance'],
      to: ['public_notice', 'awaiting_signoff'],
      parties: ['eco_office'],
    },
    {
      id: 'sendBack',
      label: '验收退回',
      rules: ['L14'],
      from: ['awaiting_acceptance'],
      to: ['rectifying'],
      parties: ['eco_office'],
    },
    {
      id: 'fileObjection',
      label: '登记公示异议',
      rules: ['L14'],
      from: ['public_notice'],
      to: [],
      parties: ['eco_office', 'territorial_owner'],
    },
    {
      id: 'resolveObjection',
      label: '处理公示异议',
      rules: ['L14'],
      from: ['public_notice'],
      to: ['rectifying', 'public_notice', 'awaiting_signoff'],
      parties: ['eco_office'],
    },
    {
      id: 'signOff',
      label: '销号签字（双销号）',
      rules: ['L6', 'L14'],
      from: ['awaiting_signoff'],
      to: ['awaiting_signoff', 'closed'],
      parties: ['sector_owner', 'territorial_owner'],
    },
    {
      id: 'supervisionGroupSignOff',
      label: '群众监督小组签字',
      rules: ['L13'],
      from: ['awaiting_signoff'],
      to: ['awaiting_signoff', 'closed'],
      parties: ['territorial_owner'],
    },
  ],
};

/** Who else may take a version-2 action from version 3 on (L22): 分办 by the dispatcher, 会商 with the routed unit. */
const V3_MORE_PARTIES: Partial<Record<ActionId, readonly Party[]>> = {
  assignOwner: ['dispatcher'],
  recordConsultation: ['dispatcher', 'cooperator'],
};

/** Before closure is applied for: where severity can change and a supervision group can be called for. */
const BEFORE_CLOSURE: readonly StateId[] = [
  'reported',
  'transferred',
  'owner_pending',
  'accepted',
  'fix_confirmation',
  'rectifying',
  'joint_investigation',
];

/** L11 (v3): the plan's deadline keeps running while a joint investigation started during rectification lasts. */
const RECTIFICATION_DURING_INVESTIGATION: TimerDefinition = {
  kind: 'rectification',
  label: '整改时限（整改中发起联合调查的，继续计时）',
  rules: ['L11', 'L10'],
  policy: 'planDueWorkingDays',
  dueFrom: 'plan.timeLimit',
  effect: 'escalation_ladder',
};

/** What version 3 changes in an action of version 2. */
const V3_ACTION_CHANGES: Partial<Record<ActionId, Partial<ActionDefinition>>> = {
  // L4, L14: a major or supervised fix goes to 验收 after its confirmation.
  confirmFix: { to: ['awaiting_signoff', 'awaiting_acceptance'] },
  // L14: a fix sent back at 验收 returns to the owner, who fixes again or plans.
  sendBack: { to: ['rectifying', 'accepted'] },
  // L11: an investigation started during rectification returns to it.
  reportJointFinding: { to: ['joint_investigation', 'accepted', 'rectifying'] },
};

/** The actions version 3 adds. */
const V3_NEW_ACTIONS: readonly ActionDefinition[] = [
  {
    id: 'changeSeverity',
    label: '调整问题性质（一般/重大）',
    rules: ['L12'],
    from: [...BEFORE_CLOSURE, 'awaiting_acceptance'],
    to: [],
    parties: ['eco_office', 'county_head'],
  },
  {
    id: 'requireSupervisionGroup',
    label: '认定须成立群众监督小组（影响较大、群众关注度高）',
    rules: ['L13'],
    from: BEFORE_CLOSURE,
    to: [],
    parties: ['eco_office'],
  },
  {
    id: 'allowAnotherExtension',
    label: '准予再次申请延期',
    rules: ['L8'],
    from: ['rectifying'],
    to: [],
    parties: ['eco_office'],
  },
  {
    id: 'correctSource',
    label: '更正问题来源',
    rules: ['L16', 'P7'],
    from: OPEN_STATES,
    to: [],
    parties: ['eco_office'],
  },
  {
    id: 'nameResponsibleParty',
    label: '认定责任主体（业主）',
    rules: ['L21'],
    from: OPEN_STATES,
    to: [],
    parties: ['owner'],
  },
];

/**
 * Version 3 (issues #11 and #14): the rules below switched on; the owner names the responsible party (L21);
 * river- and forest-chief findings go to the unit the catalog names, which dispatches (and receives the
 * escalations) or cooperates (L22). New issues start under it.
 */
export const ISSUE_PROCESS: ProcessDefinition = {
  ...ISSUE_PROCESS_V2,
  version: ISSUE_PROCESS_DEFINITION_VERSION,
  rules: {
    returnedTransferFeedback: true,
    majorIssueConsultation: true,
    immediateFixReview: true,
    signOffAuthority: true,
    extensionLimit: true,
    jointInvestigationKeepsRectification: true,
    managedCalendar: true,
    sourceAccountability: true,
    readableTexts: true,
  },
  standingDeadlines: ISSUE_PROCESS_V2.standingDeadlines.map((deadline) =>
    deadline.kind === 'transfer_feedback'
      ? { ...deadline, openedBy: 'acceptTransfer, or assignOwner after a returned transfer' }
      : deadline,
  ),
  states: ISSUE_PROCESS_V2.states.map((state) =>
    state.id === 'joint_investigation' ? { ...state, timers: [RECTIFICATION_DURING_INVESTIGATION] } : state,
  ),
  actions: [
    ...ISSUE_PROCESS_V2.actions.map((action) => ({
      ...action,
      ...V3_ACTION_CHANGES[action.id],
      parties: [...action.parties, ...(V3_MORE_PARTIES[action.id] ?? [])],
    })),
    ...V3_NEW_ACTIONS,
  ],
};

/** Looks up an action; the definition is data, so a typo in an id is a bug worth failing loudly on. */
export function actionDefinition(process: ProcessDefinition, id: ActionId): ActionDefinition {
  const action = process.actions.find((a) => a.id === id);
  if (!action) throw new Error(`process ${process.id} v${process.version} has no action ${id}`);
  return action;
}

export function stateDefinition(process: ProcessDefinition, id: StateId): StateDefinition {
  const state = process.states.find((s) => s.id === id);
  if (!state) throw new Error(`process ${process.id} v${process.version} has no state ${id}`);
  return state;
}
