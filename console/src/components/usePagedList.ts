import type { TablePaginationConfig } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { showProblem } from './problems';

export interface PageRequest {
  page: number;
  pageSize: number;
}

/**
 * A list screen's page of rows: loads it whenever `fetchPage` or the page changes (`fetchPage` answers null while
 * there is nothing to ask for), keeps the problem to show, and the table's pagination in the console's words.
 */
export function usePagedList<A extends { total: number }>(
  fetchPage: (page: PageRequest) => Promise<A> | null,
) {
  const { t } = useI18n();
  const [page, setPage] = useState<PageRequest>({ page: 1, pageSize: 20 });
  const [data, setData] = useState<A | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string[]>([]);

  const load = useCallback(async () => {
    const request = fetchPage(page);
    if (!request) return;
    setLoading(true);
    try {
      setData(await request);
      setError([]);
    } catch (problem) {
      setError(showProblem(null, problem, t));
    } finally {
      setLoading(false);
    }
  }, [fetchPage, page, t]);
  useEffect(() => void load(), [load]);

  /** A new filter starts again at page 1. */
  const firstPage = useCallback(() => setPage((current) => ({ ...current, page: 1 })), []);

  const pagination: TablePaginationConfig = {
    current: page.page,
    pageSize: page.pageSize,
    total: data?.total ?? 0,
    showTotal: (total) => t('work.total', { total }),
    onChange: (next, pageSize) => setPage({ page: pageSize !== page.pageSize ? 1 : next, pageSize }),
  };
  return { data, loading, error, setError, load, firstPage, pagination };
}
