import { ConfigProvider, Spin, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from './api/session';
import { useI18n } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { setDayjsLocale } from './time';

// Everything behind the login is loaded on demand, so the login screen stays small on a phone.
const AppLayout = lazy(() => import('./layout/AppLayout'));
const MyWorkPage = lazy(() => import('./pages/MyWorkPage'));
const InboxPage = lazy(() => import('./pages/InboxPage'));
const IssuePage = lazy(() => import('./pages/IssuePage'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
const ReportPage = lazy(() => import('./pages/ReportPage'));
const LedgersPage = lazy(() => import('./pages/LedgersPage'));
const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const ReportsPage = lazy(() => import('./pages/ReportsPage'));
const OrganisationPage = lazy(() => import('./pages/OrganisationPage'));
// The public pages need no account.
const PublicLayout = lazy(() => import('./public/PublicLayout'));
const PublicNoticesPage = lazy(() => import('./public/PublicNoticesPage'));
const PublicReportPage = lazy(() => import('./public/PublicReportPage'));
const PublicStatusPage = lazy(() => import('./public/PublicStatusPage'));
const PublicGridsPage = lazy(() => import('./public/PublicGridsPage'));
const PublicSealPage = lazy(() => import('./public/PublicSealPage'));

/** Ant Design's defaults with text and status colours dark enough for WCAG AA contrast on white. */
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0b6e4f',
    colorLink: '#0b6e4f',
    colorError: '#c0262d',
    colorWarning: '#a15c07',
    colorSuccess: '#1e7b34',
    colorInfo: '#0b6e4f',
    colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    borderRadius: 6,
  },
  components: {
    Breadcrumb: {
      itemColor: 'rgba(0, 0, 0, 0.66)',
      separatorColor: 'rgba(0, 0, 0, 0.66)',
      linkColor: 'rgba(0, 0, 0, 0.66)',
    },
  },
};

export function Loading() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin />
      <div style={{ marginTop: 8 }}>{t('common.loading')}</div>
    </div>
  );
}

function RequireSession({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  if (me === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <>{children}</>;
}

export function App() {
  const { locale } = useI18n();
  useEffect(() => setDayjsLocale(locale), [locale]);
  setDayjsLocale(locale);
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/public" element={<PublicLayout />}>
            <Route index element={<Navigate to="/public/notices" replace />} />
            <Route path="notices" element={<PublicNoticesPage />} />
            <Route path="report" element={<PublicReportPage />} />
            <Route path="status" element={<PublicStatusPage />} />
            <Route path="grids" element={<PublicGridsPage />} />
            <Route path="seal" element={<PublicSealPage />} />
          </Route>
          <Route
            path="/password"
            element={
              <RequireSession>
                <ChangePasswordPage />
              </RequireSession>
            }
          />
          <Route
            element={
              <RequireSession>
                <AppLayout />
              </RequireSession>
            }
          >
            <Route index element={<MyWorkPage />} />
            <Route path="inbox" element={<InboxPage />} />
            <Route path="issues/:code" element={<IssuePage />} />
            <Route path="report" element={<ReportPage />} />
            <Route path="ledgers" element={<LedgersPage />} />
            <Route path="overview" element={<OverviewPage />} />
            <Route path="reports" element={<ReportsPage />} />
            <Route path="organisation" element={<OrganisationPage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        </Routes>
      </Suspense>
    </ConfigProvider>
  );
}
