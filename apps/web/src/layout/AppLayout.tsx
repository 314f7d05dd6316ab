import { AppstoreOutlined, BarChartOutlined, BuildOutlined, DownOutlined, GlobalOutlined, InboxOutlined, LogoutOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import { PageLoading } from '../components/PageState';
import { useLocale } from '../i18n/locale-context';
import type { MessageKey } from '../i18n/messages';

const sections: Array<{ key: string; path: string; label: MessageKey; icon: React.ReactNode }> = [
  { key: 'workbench', path: '/workbench', label: 'nav.workbench', icon: <InboxOutlined /> },
  { key: 'apps', path: '/apps', label: 'nav.apps', icon: <AppstoreOutlined /> },
  { key: 'customers', path: '/customers', label: 'nav.customers', icon: <TeamOutlined /> },
  { key: 'studio', path: '/studio', label: 'nav.studio', icon: <BuildOutlined /> },
  { key: 'reports', path: '/reports', label: 'nav.reports', icon: <BarChartOutlined /> },
];

/** Which top-level section a path belongs to; task pages count as the workbench. */
export function sectionOf(pathname: string): string | undefined {
  if (pathname.startsWith('/tasks')) return 'workbench';
  if (pathname.startsWith('/records')) return 'apps';
  return sections.find((section) => pathname === section.path || pathname.startsWith(`${section.path}/`))?.key;
}

export function AppLayout() {
  const { t, locale, setLocale } = useLocale();
  const { session, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const selected = sectionOf(location.pathname);

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Link to="/workbench" className="app-brand">
          <span className="app-brand-mark">T</span>
          <span className="app-brand-name">{t('app.name')}</span>
        </Link>
        <Menu
          mode="horizontal"
          theme="dark"
          className="app-menu"
          selectedKeys={selected ? [selected] : []}
          data-testid="main-nav"
          items={sections.map((section) => ({
            key: section.key,
            icon: section.icon,
            label: <Link to={section.path}>{t(section.label)}</Link>,
          }))}
        />
        <Space size="middle" className="app-header-tools">
          <Button
            type="text"
            className="app-header-button"
            icon={<GlobalOutlined />}
            onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
            aria-label={t('nav.language')}
          >
            {t('locale.switch')}
          </Button>
          {session && (
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: t('nav.logout'),
                    onClick: () => {
                      logout();
                      navigate('/login');
                    },
                  },
                ],
              }}
            >
              <Space className="app-user" data-testid="current-user">
                <Avatar size="small" icon={<UserOutlined />} />
                <Typography.Text className="app-user-name">{session.user.displayName || session.user.username}</Typography.Text>
                <DownOutlined />
              </Space>
            </Dropdown>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
