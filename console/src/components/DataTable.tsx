import { Empty, Table, type TableProps } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';

export interface DataTableProps<T> extends Omit<TableProps<T>, 'locale'> {
  /** What the table lists, read out when its scrolling area takes the keyboard focus. */
  label: string;
  /** What an empty table says. */
  empty?: ReactNode;
}

/**
 * Ant Design's Table as the console's screens use it. A table wider than its card scrolls sideways: its scrolling
 * area takes the keyboard focus (WCAG 2.1.1, so a keyboard can scroll it) and is named; an empty table says so in
 * the description colour, not in Ant Design's disabled grey (too faint for WCAG AA contrast).
 */
export function DataTable<T extends object>({ label, empty, ...props }: DataTableProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  // After every render: Ant Design creates the scrolling area only once the table needs it.
  useEffect(() => {
    box.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body').forEach((area) => {
      area.tabIndex = 0;
      area.setAttribute('role', 'region');
      area.setAttribute('aria-label', label);
    });
  });
  return (
    <div ref={box}>
      <Table<T>
        {...props}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      />
    </div>
  );
}
