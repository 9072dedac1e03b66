import {
  ApartmentOutlined,
  BellOutlined,
  BookOutlined,
  CameraOutlined,
  FileTextOutlined,
  FundOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProfileOutlined,
  UserOutlined,
} from '@ant-design/icons';
import {
  App as AntApp,
  Badge,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  Space,
  Tag,
  Typography,
} from 'antd';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { getJson } from '../api/client';
import { useSession } from '../api/session';
import type { InboxPage } from '../api/types';
import { Loading } from '../App';
import { TAG } from '../components/labels';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { hasMessage, useI18n } from '../i18n';
import { startOutboxSync } from '../field/outbox';
import { menuFor } from './menu';

const ICONS: Record<string, JSX.Element> = {
  '/': <ProfileOutlined />,
  '/report': <CameraOutlined />,
  '/inbox': <BellOutlined />,
  '/ledgers': <BookOutlined />,
  '/overview': <FundOutlined />,
  '/reports': <FileTextOutlined />,
  '/organisation': <ApartmentOutlined />,
};

/** Unread notices, for the menu's badge; pages that read notices ask for a new count. */
export const INBOX_CHANGED = 'eco-grid:inbox-changed';

/** Side menu by role, header with the member, unit, roles, language and sign-out; the page in the middle. */
export default function AppLayout() {
  const { t } = useI18n();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [menuOpen, setMenuOpen] = useState(false);
  const [unread, setUnread] = useState(0);

  const loadUnread = useCallback(() => {
    getJson<InboxPage>('/api/v1/inbox', { query: { pageSize: 1 } })
      .then((page) => setUnread(page.unread))
      .catch(() => undefined);
  }, []);
  // Reports kept on the phone go out whenever the network is back, whatever screen is open.
  useEffect(() => startOutboxSync(), []);
  useEffect(() => {
    loadUnread();
    window.addEventListener(INBOX_CHANGED, loadUnread);
    return () => window.removeEventListener(INBOX_CHANGED, loadUnread);
  }, [loadUnread]);

  if (!me) return null;
  const entries = menuFor(me);
  const selected =
    entries
      .map((entry) => entry.path)
      .filter((path) => path !== '/' && location.pathname.startsWith(path))
      .sort((a, b) => b.length - a.length)[0] ?? '/';
  const menu = (theme: 'light' | 'dark') => (
    <nav aria-label={t('header.menu')}>
      <Menu
        theme={theme}
        mode="inline"
        selectedKeys={[selected]}
        onClick={({ key }) => {
          void navigate(key);
          setMenuOpen(false);
        }}
        items={entries.map((entry) => ({
          key: entry.path,
          icon: ICONS[entry.path],
          label:
            entry.path === '/inbox' && unread > 0 ? (
              <Space>
                {t(entry.label)}
                <Badge count={unread} size="small" />
              </Space>
            ) : (
              t(entry.label)
            ),
        }))}
      />
    </nav>
  );
  // Before the breakpoint hook has measured, ask the browser, so a phone never flashes the desktop menu.
  const narrow = screens.lg === undefined ? !window.matchMedia('(min-width: 992px)').matches : !screens.lg;
  const roles = me.roles.map((role) => {
    const key = `role.${role}`;
    return hasMessage(key) ? t(key) : role;
  });

  return (
    <AntApp>
      <Layout style={{ minHeight: '100vh' }}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        {narrow ? (
          <Drawer
            placement="left"
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            width={240}
            title={t('app.shortTitle')}
            styles={{ body: { padding: 0 } }}
          >
            {menu('light')}
          </Drawer>
        ) : (
          <Layout.Sider width={208} style={{ flex: '0 0 208px' }}>
            <div className="app-brand">{t('app.shortTitle')}</div>
            {menu('dark')}
          </Layout.Sider>
        )}
        <Layout>
          <Layout.Header className="app-header">
            {narrow && (
              <Button
                type="text"
                aria-label={t('header.menu')}
                icon={<MenuOutlined />}
                onClick={() => setMenuOpen(true)}
              />
            )}
            {!narrow && (
              <Typography.Text strong ellipsis>
                {t('app.title')}
              </Typography.Text>
            )}
            <div className="app-user">
              <LanguageSwitch />
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
                    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
                  ],
                  onClick: ({ key }) => {
                    if (key === 'password') void navigate('/password');
                    else void logout().then(() => navigate('/login', { replace: true }));
                  },
                }}
              >
                <Button
                  type="text"
                  icon={<UserOutlined />}
                  aria-label={`${t('header.signedInAs')} ${me.name}`}
                >
                  <span className="app-user-name">{me.name}</span>
                  <span className="app-user-unit">
                    {' · '}
                    {me.unitName}
                    {roles.slice(0, 2).map((role) => (
                      <Tag key={role} color={TAG.green} style={{ marginLeft: 6, marginRight: 0 }}>
                        {role}
                      </Tag>
                    ))}
                  </span>
                </Button>
              </Dropdown>
            </div>
          </Layout.Header>
          <Layout.Content id="main" className="app-content" tabIndex={-1}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
