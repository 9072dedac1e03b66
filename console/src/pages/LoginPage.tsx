import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiProblem, getJson } from '../api/client';
import { useSession } from '../api/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { showProblem } from '../components/problems';
import { useI18n } from '../i18n';

interface Providers {
  password: boolean;
  oidc?: { enabled: boolean; label?: string };
}

/** Only paths of this console are followed after signing in (never another site). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { me, login, ended } = useSession();
  const [form] = Form.useForm<{ account: string; password: string }>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [messages, setMessages] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [oidc, setOidc] = useState<Providers['oidc']>();

  useEffect(() => {
    getJson<Providers>('/api/v1/auth/providers', { quiet: true })
      .then((providers) => setOidc(providers.oidc))
      .catch(() => setOidc(undefined));
  }, []);

  if (me) return <Navigate to={me.mustChangePassword ? '/password' : safeNext(params.get('next'))} replace />;

  const submit = async (values: { account: string; password: string }) => {
    setBusy(true);
    setMessages([]);
    try {
      const member = await login(values.account.trim(), values.password);
      void navigate(member.mustChangePassword ? '/password' : safeNext(params.get('next')), {
        replace: true,
      });
    } catch (error) {
      const lines =
        error instanceof ApiProblem && error.status === 404
          ? [t('login.unavailable')]
          : showProblem(form, error, t);
      if (error instanceof ApiProblem && error.retryAfter)
        lines.push(t('login.retryAfter', { seconds: error.retryAfter }));
      setMessages(lines);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      {/* Plain markup rather than Card and Typography: the login screen is the first load on a phone. */}
      <section className="login-card login-panel">
        <h1 className="login-title">{t('app.title')}</h1>
        <p className="login-lead">{t('login.subtitle')}</p>
        <h2 className="login-subtitle">{t('login.title')}</h2>
        {ended && !messages.length && (
          <Alert type="warning" showIcon message={t('error.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {messages.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            message={messages[0] || t('login.failed')}
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
            name="account"
            label={t('login.account')}
            rules={[{ required: true, whitespace: true, message: t('login.accountRequired') }]}
          >
            <Input autoComplete="username" placeholder={t('login.accountHint')} size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        {oidc?.enabled && (
          <Button block href="/api/v1/auth/oidc" style={{ marginTop: 16 }}>
            {t('login.oidc', { label: oidc.label ?? 'OIDC' })}
          </Button>
        )}
      </section>
    </main>
  );
}
