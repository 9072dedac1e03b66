import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, List, Pagination, Space, Switch, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { getJson, postJson } from '../api/client';
import type { InboxItem, InboxPage as InboxAnswer } from '../api/types';
import { TAG } from '../components/labels';
import { PageHeader } from '../components/PageHeader';
import { showProblem } from '../components/problems';
import { useI18n } from '../i18n';
import { INBOX_CHANGED } from '../layout/AppLayout';
import { beijing } from '../time';

const ISSUE_CODE = /\b(\d{4}-\d{6})\b/;

/** 站内信: the member's notices, newest first, with read and unread. */
export default function InboxPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<InboxAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string[]>([]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(
        await getJson<InboxAnswer>('/api/v1/inbox', {
          query: { ...page, unread: unreadOnly ? true : undefined },
        }),
      );
      setError([]);
    } catch (problem) {
      setError(showProblem(null, problem, t));
    } finally {
      setLoading(false);
    }
  }, [page, unreadOnly, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (path: string) => {
    try {
      await postJson(path, {});
      window.dispatchEvent(new Event(INBOX_CHANGED));
      await load();
    } catch (problem) {
      void message.error(showProblem(null, problem, t).join('：'));
    }
  };

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.inbox') }]}
        title={t('inbox.title')}
        subtitle={data ? t('inbox.unreadCount', { count: data.unread }) : undefined}
        extra={
          <>
            <label>
              <Space>
                <Switch
                  checked={unreadOnly}
                  onChange={(checked) => {
                    setUnreadOnly(checked);
                    setPage((current) => ({ ...current, page: 1 }));
                  }}
                  aria-label={t('inbox.unreadOnly')}
                />
                <span aria-hidden>{t('inbox.unreadOnly')}</span>
              </Space>
            </label>
            <Button
              icon={<CheckOutlined />}
              disabled={!data?.unread}
              onClick={() => void act('/api/v1/inbox/read-all')}
            >
              {t('inbox.markAllRead')}
            </Button>
          </>
        }
      />
      {error.length > 0 && <Alert type="error" showIcon message={error[0]} description={error[1]} />}
      <List<InboxItem>
        loading={loading}
        bordered
        style={{ background: '#fff' }}
        locale={{ emptyText: t('inbox.empty') }}
        dataSource={data?.items ?? []}
        renderItem={(item) => {
          const code = ISSUE_CODE.exec(`${item.subject} ${item.body}`)?.[1];
          return (
            <List.Item
              actions={
                item.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        size="small"
                        onClick={() => void act(`/api/v1/inbox/${item.id}/read`)}
                      >
                        {t('inbox.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag color={item.readAt ? undefined : TAG.blue}>
                      {item.readAt ? t('inbox.read') : t('inbox.unread')}
                    </Tag>
                    <Typography.Text strong={!item.readAt}>{item.subject}</Typography.Text>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                      {item.body}
                    </Typography.Paragraph>
                    <Space wrap>
                      <time dateTime={item.createdAt}>{beijing(item.createdAt)}</time>
                      {code && <Link to={`/issues/${code}`}>{t('inbox.openIssue', { code })}</Link>}
                    </Space>
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
      {data && data.total > page.pageSize && (
        <Pagination
          style={{ marginTop: 12, textAlign: 'right' }}
          current={page.page}
          pageSize={page.pageSize}
          total={data.total}
          onChange={(next, pageSize) => setPage({ page: next, pageSize })}
        />
      )}
    </>
  );
}
