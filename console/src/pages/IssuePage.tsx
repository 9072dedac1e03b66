import { ExportOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiProblem, getJson } from '../api/client';
import { processDefinition, useCategoryNames, useUnitNames } from '../api/reference';
import type { IssueDetail, IssueEvent, IssueState, ProcessDefinition } from '../api/types';
import { ActionDialog } from '../components/ActionDialog';
import type { Highlight } from '../components/BpmnView';
import { EvidenceThumb } from '../components/EvidenceThumb';
import { Deadline, EscalationTag, SeverityTag, TAG, useLabel } from '../components/labels';
import { PageHeader } from '../components/PageHeader';
import { showProblem } from '../components/problems';
import { hasMessage, useI18n, type MessageKey } from '../i18n';
import { beijing } from '../time';

const BpmnView = lazy(() => import('../components/BpmnView'));

const LADDER: Array<{ id: string; key: MessageKey; policy: string; sign: -1 | 0 | 1 }> = [
  { id: 'reminder', key: 'ladder.reminder', policy: 'reminderWorkingDaysBefore', sign: -1 },
  { id: 'overdue', key: 'ladder.overdue', policy: '', sign: 0 },
  {
    id: 'county_supervision',
    key: 'ladder.county_supervision',
    policy: 'countySupervisionAfterWorkingDays',
    sign: 1,
  },
  { id: 'chief', key: 'ladder.chief', policy: 'chiefEscalationAfterWorkingDays', sign: 1 },
];

/** Payload fields worth a line in the story, in this order. */
const STORY_FIELDS = [
  'reason',
  'opinion',
  'note',
  'description',
  'result',
  'summary',
  'finding',
  'content',
  'measures',
  'target',
  'timeLimit',
  'proposedTimeLimit',
  'toUnit',
  'unit',
  'minutes',
];

/** The BPMN elements an issue has passed through, from its events and the definition's transitions. */
function highlightOf(
  state: IssueState,
  events: IssueEvent[],
  definition: ProcessDefinition | null,
  label: string,
): Highlight {
  const done = new Set<string>([`Start_${definition?.states[0]?.id ?? 'reported'}`, 'State_reported']);
  const counts: Record<string, number> = {};
  const actions = new Map(definition?.actions.map((a) => [a.id, a]) ?? []);
  for (const event of events) {
    const action = actions.get(event.type);
    if (!action) continue;
    const task = `Task_${action.id}`;
    done.add(task);
    counts[task] = (counts[task] ?? 0) + 1;
    if (action.to.length === 1) done.add(`State_${action.to[0]}`);
  }
  const current = state.status === 'archived' ? 'End_archived' : `State_${state.status}`;
  done.add(current);
  if (state.status === 'closed' || state.status === 'archived') done.add('State_closed');
  return { current, done: [...done], counts, currentLabel: label };
}

export default function IssuePage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const label = useLabel();
  const { name, list: units } = useUnitNames();
  const category = useCategoryNames();
  const [detail, setDetail] = useState<IssueDetail | null>(null);
  const [definition, setDefinition] = useState<ProcessDefinition | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [action, setAction] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await getJson<IssueDetail>(`/api/v1/issues/${encodeURIComponent(code)}`));
      setError(null);
    } catch (problem) {
      setError(
        problem instanceof ApiProblem ? problem : new ApiProblem(0, 'error', t('error.loadFailed'), ''),
      );
    }
  }, [code, t]);

  useEffect(() => {
    void load();
    processDefinition()
      .then(setDefinition)
      .catch(() => setDefinition(null));
  }, [load]);

  const state = detail?.state;
  const highlight = useMemo(
    () =>
      state && detail ? highlightOf(state, detail.events, definition, label('state', state.status)) : null,
    [state, detail, definition, label],
  );

  const crumbs = [{ title: t('menu.work'), to: '/' }, { title: t('issue.breadcrumb') }, { title: code }];
  if (error) {
    return (
      <>
        <PageHeader crumbs={crumbs} title={code} />
        <Alert
          type="error"
          showIcon
          message={
            error.status === 404 || error.status === 403
              ? t('issue.notFound')
              : showProblem(null, error, t)[0]
          }
          description={error.detail}
        />
      </>
    );
  }
  if (!detail || !state) return <Spin style={{ display: 'block', margin: 48 }} />;

  const allowed = detail.allowedActions ?? [];
  const reached = (obligation: string, level: number) =>
    detail.events.find(
      (e) =>
        (e.type === 'escalated' || e.type === 'deadline_reminder') &&
        e.payload.obligation === obligation &&
        e.payload.level === level,
    );

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={
          <>
            {state.code} {state.report.title}
          </>
        }
        extra={
          <Space wrap>
            <Tag color={TAG.green}>{label('state', state.status)}</Tag>
            <SeverityTag severity={state.report.severity} />
            {state.overdue && <Tag color={TAG.red}>{t('issue.overdue')}</Tag>}
            {state.escalationLevel > 0 && <EscalationTag level={state.escalationLevel} />}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title={<h2 className="card-title">{t('issue.actions')}</h2>}
            size="small"
            style={{ marginBottom: 16 }}
          >
            {allowed.length === 0 ? (
              <Typography.Text type="secondary">{t('issue.noActions')}</Typography.Text>
            ) : (
              <Space wrap>
                {allowed.map((id, i) => (
                  <Button key={id} type={i === 0 ? 'primary' : 'default'} onClick={() => setAction(id)}>
                    {label('action', id)}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 3 }}
              items={[
                { key: 'status', label: t('issue.status'), children: label('state', state.status) },
                {
                  key: 'deadline',
                  label: t('issue.deadline'),
                  children: <Deadline iso={state.deadline} overdue={state.overdue} />,
                },
                {
                  key: 'awaiting',
                  label: t('issue.awaiting'),
                  children: state.awaiting.map(name).join('、') || t('issue.none'),
                },
                { key: 'category', label: t('issue.category'), children: category(state.report.category) },
                { key: 'source', label: t('issue.source'), children: label('source', state.report.source) },
                {
                  key: 'township',
                  label: t('issue.township'),
                  children: `${name(state.report.township)}${state.report.village ? ` ${state.report.village}` : ''}`,
                },
                { key: 'finder', label: t('issue.finder'), children: name(state.report.finderUnit) },
                { key: 'sector', label: t('issue.sectorOwner'), children: name(state.sectorOwner) },
                {
                  key: 'territorial',
                  label: t('issue.territorialOwner'),
                  children: name(state.territorialOwner),
                },
                { key: 'owner', label: t('issue.owner'), children: name(state.owner) },
                { key: 'reportedAt', label: t('issue.reportedAt'), children: beijing(state.reportedAt) },
                {
                  key: 'county',
                  label: t('issue.countySupervision'),
                  children: state.countySupervision ? t('form.yes') : t('form.no'),
                },
                {
                  key: 'description',
                  label: t('issue.description'),
                  span: 'filled',
                  children: state.report.description,
                },
                ...(state.report.evidence.length
                  ? [
                      {
                        key: 'evidence',
                        label: t('issue.evidence'),
                        span: 'filled' as const,
                        children: (
                          <Space wrap>
                            {state.report.evidence.map((e) => (
                              <EvidenceThumb key={e} reference={e} />
                            ))}
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <Button
              type="link"
              href={detail.temporalUiUrl}
              target="_blank"
              rel="noreferrer"
              icon={<ExportOutlined />}
              style={{ paddingLeft: 0 }}
            >
              {t('issue.temporal')}
            </Button>
          </Card>
          <Card
            title={<h2 className="card-title">{t('issue.diagram')}</h2>}
            size="small"
            style={{ marginBottom: 16 }}
          >
            {highlight && (
              <Suspense fallback={<Spin />}>
                <BpmnView highlight={highlight} />
              </Suspense>
            )}
          </Card>
          {state.plan && (
            <Card
              title={<h2 className="card-title">{t('issue.plan')}</h2>}
              size="small"
              style={{ marginBottom: 16 }}
            >
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'u', label: '定责任单位', children: state.plan.responsibleUnit },
                  { key: 'p', label: '定责任人', children: state.plan.responsiblePerson },
                  { key: 'm', label: '定整改措施', children: state.plan.measures },
                  { key: 't', label: '定整改时限', children: state.plan.timeLimit },
                  { key: 'g', label: '定整改目标', children: state.plan.target },
                ]}
              />
              {state.plan.milestones.length > 0 && (
                <Timeline
                  style={{ marginTop: 12 }}
                  items={state.plan.milestones.map((m) => ({
                    color: m.done ? 'green' : 'gray',
                    children: `${m.date} ${m.description}${m.done ? ' ✓' : ''}`,
                  }))}
                />
              )}
            </Card>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card
            title={<h2 className="card-title">{t('issue.deadlines')}</h2>}
            size="small"
            style={{ marginBottom: 16 }}
          >
            {state.obligations.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('issue.noDeadlines')} />
            ) : (
              state.obligations.map((obligation) => (
                <section key={obligation.id} style={{ marginBottom: 12 }}>
                  <Typography.Title level={3} style={{ fontSize: 15 }}>
                    {label('obligation', obligation.kind)} · {name(obligation.unit)}
                  </Typography.Title>
                  <Timeline
                    items={LADDER.map((step, level) => {
                      const event = reached(obligation.kind, level);
                      const days = step.policy ? state.policy[step.policy] : 0;
                      const when =
                        step.sign === 0
                          ? beijing(obligation.due)
                          : t(step.sign < 0 ? 'ladder.before' : 'ladder.after', { days });
                      return {
                        color:
                          obligation.step >= level
                            ? level >= 2
                              ? 'red'
                              : level === 1
                                ? 'orange'
                                : 'blue'
                            : 'gray',
                        children: (
                          <>
                            <div>{t(step.key)}</div>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {when} ·{' '}
                              {obligation.step >= level
                                ? `${t('issue.ladderReached')} ${event ? beijing(event.at) : ''}`
                                : t('issue.ladderPending')}
                            </Typography.Text>
                          </>
                        ),
                      };
                    })}
                  />
                </section>
              ))
            )}
          </Card>
          <Card title={<h2 className="card-title">{t('issue.history')}</h2>} size="small">
            <Timeline
              items={[...detail.events].reverse().map((event) => {
                const evidence = Array.isArray(event.payload.evidence)
                  ? (event.payload.evidence as string[])
                  : [];
                const lines = STORY_FIELDS.filter(
                  (f) => typeof event.payload[f] === 'string' && event.payload[f],
                ).map((f) => {
                  const value = String(event.payload[f]);
                  const key = `field.${f}`;
                  const shown = f === 'toUnit' || f === 'unit' ? name(value) : value;
                  return hasMessage(key) ? `${t(key)}：${shown}` : shown;
                });
                return {
                  color: event.type === 'escalated' ? 'red' : event.actorUnit === 'SYSTEM' ? 'gray' : 'green',
                  children: (
                    <>
                      <Typography.Text strong>
                        {label(
                          definition?.actions.some((a) => a.id === event.type) ? 'action' : 'event',
                          event.type,
                        )}
                      </Typography.Text>
                      <div style={{ fontSize: 12 }}>
                        <time dateTime={event.at}>{beijing(event.at)}</time> ·{' '}
                        {event.actorUnit === 'SYSTEM'
                          ? t('event.system')
                          : t('issue.by', { actor: event.actor, unit: name(event.actorUnit) })}
                      </div>
                      {lines.map((line, i) => (
                        <Typography.Paragraph key={i} style={{ marginBottom: 2, whiteSpace: 'pre-wrap' }}>
                          {line}
                        </Typography.Paragraph>
                      ))}
                      {evidence.length > 0 && (
                        <Space wrap>
                          {evidence.map((e) => (
                            <EvidenceThumb key={e} reference={e} />
                          ))}
                        </Space>
                      )}
                    </>
                  ),
                };
              })}
            />
          </Card>
        </Col>
      </Row>
      <ActionDialog
        action={action}
        state={state}
        units={units}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          void load();
        }}
      />
    </>
  );
}
