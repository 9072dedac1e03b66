import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { getJson, newIdempotencyKey, postJson } from '../api/client';
import { showProblem } from '../components/problems';
import { useI18n } from '../i18n';
import { beijing } from '../time';

export interface PublicNotice {
  code: string;
  title: string;
  categoryName: string;
  townshipName: string;
  village: string | null;
  reportedAt: string;
  ownerName: string | null;
  rectification: { summary: string | null; measures: string | null; target: string | null };
  acceptance: string | null;
  notice: { startedAt: string; endsAt: string };
  objections: number;
}

interface Objection {
  content: string;
  name?: string;
  contact?: string;
}

/** 公示: what each issue under notice shows, and a form to object to it (L14). */
export default function PublicNoticesPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [notices, setNotices] = useState<PublicNotice[] | null>(null);
  const [error, setError] = useState<string[]>([]);
  const [objecting, setObjecting] = useState<PublicNotice | null>(null);
  const [form] = Form.useForm<Objection>();
  const [sending, setSending] = useState(false);
  const [formError, setFormError] = useState<string[]>([]);

  const load = useCallback(() => {
    getJson<PublicNotice[]>('/api/v1/public/notices')
      .then(setNotices)
      .catch((problem: unknown) => setError(showProblem(null, problem, t)));
  }, [t]);
  useEffect(load, [load]);

  const send = async (values: Objection) => {
    if (!objecting) return;
    setSending(true);
    setFormError([]);
    try {
      await postJson(`/api/v1/public/notices/${objecting.code}/objections`, values, {
        idempotencyKey: newIdempotencyKey(),
      });
      message.success(t('public.objectionSent'));
      setObjecting(null);
      form.resetFields();
      load();
    } catch (problem) {
      setFormError(showProblem(form, problem, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('public.notices.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('public.notices.lead')}</Typography.Paragraph>
      {error.length > 0 && <Alert type="error" showIcon message={error[0]} description={error[1]} />}
      {notices && notices.length === 0 && <Empty description={t('public.notices.empty')} />}
      <List
        dataSource={notices ?? []}
        loading={notices === null && error.length === 0}
        renderItem={(notice) => (
          <List.Item style={{ display: 'block', border: 'none', padding: '0 0 12px' }}>
            <Card
              title={<h2 className="card-title">{`${notice.code} ${notice.title}`}</h2>}
              extra={
                <Button type="primary" onClick={() => setObjecting(notice)}>
                  {t('public.object')}
                </Button>
              }
            >
              <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}>
                <Descriptions.Item label={t('issue.category')}>{notice.categoryName}</Descriptions.Item>
                <Descriptions.Item label={t('public.place')}>
                  {[notice.townshipName, notice.village].filter(Boolean).join(' ')}
                </Descriptions.Item>
                <Descriptions.Item label={t('issue.owner')}>{notice.ownerName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('public.noticePeriod')}>
                  {beijing(notice.notice.startedAt, 'YYYY-MM-DD')} —{' '}
                  {beijing(notice.notice.endsAt, 'YYYY-MM-DD')}
                </Descriptions.Item>
                {notice.rectification.measures && (
                  <Descriptions.Item label={t('field.measures')} span={2}>
                    {notice.rectification.measures}
                  </Descriptions.Item>
                )}
                {notice.rectification.summary && (
                  <Descriptions.Item label={t('public.done')} span={2}>
                    {notice.rectification.summary}
                  </Descriptions.Item>
                )}
                {notice.acceptance && (
                  <Descriptions.Item label={t('public.acceptance')} span={2}>
                    {notice.acceptance}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('public.objections')}>{notice.objections}</Descriptions.Item>
              </Descriptions>
            </Card>
          </List.Item>
        )}
      />
      <Modal
        open={!!objecting}
        title={t('public.objectTitle', { code: objecting?.code ?? '' })}
        onCancel={() => setObjecting(null)}
        okText={t('form.submit')}
        cancelText={t('form.cancel')}
        confirmLoading={sending}
        onOk={() => form.submit()}
        destroyOnClose
      >
        <Form form={form} layout="vertical" onFinish={(values) => void send(values)} requiredMark="optional">
          <Form.Item
            name="content"
            label={t('public.objectionContent')}
            rules={[{ required: true, whitespace: true, message: t('public.objectionRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="name" label={t('public.yourName')} extra={t('public.yourNameHint')}>
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="contact" label={t('public.contact')} extra={t('public.contactHint')}>
            <Input maxLength={128} />
          </Form.Item>
          {formError.length > 0 && (
            <Alert type="error" showIcon message={formError[0]} description={formError[1]} />
          )}
        </Form>
      </Modal>
    </>
  );
}
