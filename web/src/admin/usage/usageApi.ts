import { request } from '../../api';

/** GET /api/v1/admin/usage (docs/analytics.md): one period's figures. */
export interface Figures {
  messages: number;
  meetings: number;
  participantMinutes: number;
  virtualVisits: number;
  resultsDelivered: number;
  activeUsers: number;
}

export interface Point {
  period: string;
  start: string;
  end: string;
  figures: Figures;
}

export interface UsageReport {
  organisationId?: string | null;
  organisationName?: string | null;
  granularity: Granularity;
  from: string;
  to: string;
  timeZone: string;
  rolledUpTo?: string | null;
  synthetic: boolean;
  headline: {
    lastCompleteDay: string;
    messagesPerDay: number;
    meetingsPerDay: number;
    activeUsersDay: number;
    activeUsersWeek: number;
    activeUsersMonth: number;
  };
  totals: { days: number; messages: number; meetings: number; participantMinutes: number; virtualVisits: number; resultsDelivered: number };
  series: Point[];
  growth?: null | {
    since: string;
    sincePeriod: string;
    toPeriod: string;
    atSince: Figures;
    atTo: Figures;
    difference: Figures;
    ratio: Partial<Record<keyof Figures, number | null>>;
  };
  organisations?: { id: string; name: string }[];
}

export type Granularity = 'day' | 'week' | 'month';

export interface UsageQuery {
  from: string;
  to: string;
  granularity: Granularity;
  organisation: string;
  since: string;
}

export function usageParams(q: UsageQuery): string {
  const p = new URLSearchParams();
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  p.set('granularity', q.granularity);
  if (q.organisation) p.set('organisation', q.organisation);
  if (q.since) p.set('since', q.since);
  return p.toString();
}

export function fetchUsage(q: UsageQuery, signal?: AbortSignal): Promise<UsageReport> {
  return request<UsageReport>('GET', `/api/v1/admin/usage?${usageParams(q)}`, undefined, { signal });
}

/** The CSV's address (a plain link: the browser downloads it with the session cookie). */
export function usageCsvHref(q: UsageQuery): string {
  return `/api/v1/admin/usage.csv?${usageParams(q)}`;
}
