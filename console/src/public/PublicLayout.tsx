import { App as AntApp, Layout, Menu } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Loading } from '../App';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n';

const PAGES = [
  { path: '/public/notices', label: 'public.menu.notices' },
  { path: '/public/report', label: 'public.menu.report' },
  { path: '/public/status', label: 'public.menu.status' },
  { path: '/public/grids', label: 'public.menu.grids' },
  { path: '/public/seal', label: 'public.menu.seal' },
] as const;

/**
 * The pages anyone may open without an account: 公示, a report, a report's progress, the grid members, and the
 * verification of a sealed report.
 */
export default function PublicLayout() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <AntApp>
      <Layout style={{ minHeight: '100vh' }}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <header className="public-header">
          <Link to="/public/notices" style={{ fontWeight: 600, fontSize: 16, color: '#0b6e4f' }}>
            {t('public.title')}
          </Link>
          <nav aria-label={t('header.menu')} style={{ flex: '1 1 320px', minWidth: 0 }}>
            <Menu
              mode="horizontal"
              selectedKeys={PAGES.filter((p) => location.pathname.startsWith(p.path)).map((p) => p.path)}
              onClick={({ key }) => void navigate(key)}
              items={PAGES.map((page) => ({ key: page.path, label: t(page.label) }))}
              style={{ borderBottom: 'none' }}
            />
          </nav>
          <LanguageSwitch />
          <Link to="/login">{t('public.staffLogin')}</Link>
        </header>
        <main id="main" className="public-content" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </Layout>
    </AntApp>
  );
}
