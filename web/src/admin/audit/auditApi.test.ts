import { describe, expect, it } from 'vitest';
import { auditApi, filterQuery } from './auditApi';

describe('the audit filters as a query', () => {
  it('leaves empty filters out and encodes the rest', () => {
    expect(filterQuery({ action: 'auth.', actorId: '', subjectType: undefined, from: '2026-12-07T09:00:00.000Z' })).toBe(
      'action=auth.&from=2026-12-07T09%3A00%3A00.000Z',
    );
  });

  it('gives the CSV link the same filters and format=csv', () => {
    expect(auditApi.exportHref({ subjectType: 'message', subjectId: 'a b' })).toBe(
      '/api/v1/admin/audit/export?subjectType=message&subjectId=a+b&format=csv',
    );
  });
});
