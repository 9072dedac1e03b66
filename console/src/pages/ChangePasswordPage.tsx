import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../api/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { showProblem } from '../components/problems';
import { useI18n } from '../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** First sign-in (mustChangePassword) and later changes: the API's own rules decide what a good password is. */
function ChangePassword() {
  const { t } = useI18n();
  const { me, changePassword, logout } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [messages, setMessages] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const first = !!me?.mustChangePassword;

  const submit = async (values: Values) => {
    setBusy(true);
    setMessages([]);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      void message.success(t('password.saved'));
      void navigate('/', { replace: true });
    } catch (error) {
      setMessages(showProblem(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <Typography.Title level={1} className="login-subtitle">
          {first ? t('password.title') : t('password.titleChange')}
        </Typography.Title>
        {first && <Typography.Paragraph>{t('password.explain')}</Typography.Paragraph>}
        {messages.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            message={messages[0]}
            description={messages.slice(1).join('；') || undefined}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          requiredMark={false}
          disabled={busy}
        >
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('password.currentRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            rules={[{ required: true, message: t('password.newRequired') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.newRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.confirmMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('password.submit')}
          </Button>
          <Button type="link" block onClick={() => void (first ? logout() : navigate(-1))}>
            {first ? t('header.logout') : t('form.cancel')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}

/** Outside the signed-in layout, so it brings its own Ant Design App (for its success message). */
export default function ChangePasswordPage() {
  return (
    <App>
      <ChangePassword />
    </App>
  );
}
