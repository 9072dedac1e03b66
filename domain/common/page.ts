/** One page of a list, as every list endpoint answers and every repository's list returns. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
