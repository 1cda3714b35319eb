/** GET /api/v1/search (issue 16's contract). */
import { request } from '../../api';
import type { SearchAnswer } from './searchTypes';

export const searchApi = {
  search: (params: URLSearchParams, signal: AbortSignal) => request<SearchAnswer>('GET', `/api/v1/search?${params}`, undefined, { signal }),
};
