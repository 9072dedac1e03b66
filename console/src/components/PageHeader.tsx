import { Breadcrumb, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export interface Crumb {
  title: string;
  to?: string;
}

/** Breadcrumbs, the page's one h1, an optional subtitle and actions on the right (pro-layout's page header). */
export function PageHeader(props: {
  crumbs: Crumb[];
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <header style={{ marginBottom: 16 }}>
      <Breadcrumb
        items={props.crumbs.map((crumb) => ({
          title: crumb.to ? <Link to={crumb.to}>{crumb.title}</Link> : crumb.title,
        }))}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
        <Typography.Title level={1} className="page-title" style={{ flex: '1 1 auto' }}>
          {props.title}
        </Typography.Title>
        {props.extra && <Space wrap>{props.extra}</Space>}
      </div>
      {props.subtitle && <Typography.Text type="secondary">{props.subtitle}</Typography.Text>}
    </header>
  );
}
