import { Alert, App, Form, Modal, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { getJson, newIdempotencyKey, postJson } from '../api/client';
import { actionPath, actionSchema, type Schema } from '../api/openapi';
import type { IssueState, Unit } from '../api/types';
import { useI18n, type MessageKey } from '../i18n';
import { beijingToday } from '../time';
import { useLabel } from './labels';
import { showProblem } from './problems';
import { cleanValues, SchemaFormFields, type FieldHints } from './SchemaForm';

type Loaded = Awaited<ReturnType<typeof actionSchema>>;

const HINTS: Partial<Record<string, MessageKey>> = {
  submitPlan: 'form.planHint',
  requestExtension: 'form.extensionHint',
  signOff: 'form.signOffHint',
  transfer: 'form.transferHint',
};

/** The day after a date (YYYY-MM-DD), for "must be later than the current time limit". */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * One action's form, generated from its body schema in the OpenAPI document, sent to its endpoint; the API's
 * problem+json answer is shown next to the fields it names.
 */
export function ActionDialog(props: {
  action: string | null;
  state: IssueState;
  units: Unit[];
  onClose: () => void;
  onDone: (action: string) => void;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [messages, setMessages] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [suggested, setSuggested] = useState<string | null>(null);
  // One key per opened form: a retried submission of the same form is taken once.
  const key = useMemo(() => (props.action ? newIdempotencyKey() : ''), [props.action]);
  const { action, state } = props;

  useEffect(() => {
    setLoaded(null);
    setMessages([]);
    setSuggested(null);
    form.resetFields();
    if (!action) return;
    actionSchema(action)
      .then(setLoaded)
      .catch((error: unknown) => setMessages(showProblem(null, error, t)));
    if (action === 'transfer' || action === 'assignOwner') {
      getJson<{ ownerUnitCode: string; ownerUnitName: string }>(
        '/api/v1/responsibility-categories/suggest-owner',
        {
          query: { category: state.report.category },
        },
      )
        .then((answer) => {
          setSuggested(`${answer.ownerUnitName}（${answer.ownerUnitCode}）`);
          const field = action === 'transfer' ? 'toUnit' : 'unit';
          if (!form.getFieldValue(field) && answer.ownerUnitCode !== state.owner)
            form.setFieldValue(field, answer.ownerUnitCode);
        })
        .catch(() => setSuggested(null));
    }
  }, [action, form, state.code, state.owner, state.report.category, t]);

  useEffect(() => {
    // The plan's milestones as they stand, to be ticked off; its time limit is not the progress report's to move.
    if (loaded && action === 'reportProgress' && state.plan)
      form.setFieldsValue({ milestones: state.plan.milestones });
  }, [loaded, action, form, state.plan]);

  const hints: FieldHints = {
    units: props.units,
    unitNameFields: ['responsibleUnit'],
    earliestDate: {
      timeLimit: beijingToday(),
      dueDate: beijingToday(),
      proposedTimeLimit: state.plan ? nextDay(state.plan.timeLimit) : beijingToday(),
    },
    choices: {
      objection: (state.closure.publicNotice?.objections ?? [])
        .filter((objection) => !objection.resolution)
        .map((objection) => ({ value: objection.seq, label: `#${objection.seq}` })),
    },
  };
  const submit = async () => {
    let values: unknown;
    try {
      values = await form.validateFields();
    } catch {
      setMessages([t('form.fixErrors')]);
      return;
    }
    setBusy(true);
    setMessages([]);
    try {
      await postJson(`/api/v1/issues/${state.code}/${actionPath(action!)}`, cleanValues(values), {
        idempotencyKey: key,
      });
      void message.success(t('issue.done', { action: label('action', action!) }));
      props.onDone(action!);
    } catch (error) {
      setMessages(showProblem(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  const hint = action ? HINTS[action] : undefined;
  const schema: Schema | null = loaded?.schema ?? null;
  const withoutTimeLimit =
    action === 'reportProgress' && schema?.properties
      ? {
          ...schema,
          properties: Object.fromEntries(
            Object.entries(schema.properties).filter(([k]) => k !== 'timeLimit'),
          ),
        }
      : schema;

  return (
    <Modal
      open={!!action}
      title={action ? label('action', action) : ''}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('form.submit')}
      cancelText={t('form.cancel')}
      confirmLoading={busy}
      width={720}
      destroyOnHidden
      maskClosable={false}
    >
      {hint && <Alert type="info" showIcon message={t(hint)} style={{ marginBottom: 12 }} />}
      {suggested && (
        <Alert
          type="success"
          message={t('form.suggestedOwner', { unit: suggested })}
          style={{ marginBottom: 12 }}
        />
      )}
      {messages.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={messages[0]}
          description={messages.slice(1).join('；') || undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      {!loaded && !messages.length && <Spin />}
      {withoutTimeLimit && loaded && (
        <Form form={form} layout="vertical" disabled={busy} scrollToFirstError>
          <SchemaFormFields schema={withoutTimeLimit} document={loaded.document} hints={hints} />
        </Form>
      )}
    </Modal>
  );
}
