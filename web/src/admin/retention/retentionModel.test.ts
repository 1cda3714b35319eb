import { describe, expect, it } from 'vitest';
import { confirmationText, daysProblem, exportUrl, isId, runSummary, type RetentionRun } from './retentionApi';

describe('the retention page', () => {
  it('the confirmation says how many messages and files will go', () => {
    const text = confirmationText('delete', 365, { cutoff: '2025-12-08T00:00:00Z', messages: 1234, files: 1, held: 2 });
    expect(text).toContain('permanently delete 1,234 messages older than 365 days');
    expect(text).toContain('1 file attached');
    expect(text).toContain('2 messages are under legal hold');
    expect(confirmationText('anonymise', 30, null)).toContain('"Former member"');
    expect(confirmationText('keep', 0, null)).toContain('nothing will be deleted');
  });

  it('refuses a period under the floor before asking the server', () => {
    expect(daysProblem('delete', '7')).toContain('At least 30 days');
    expect(daysProblem('delete', 'x')).toContain('whole number');
    expect(daysProblem('delete', '30')).toBeNull();
    expect(daysProblem('keep', '')).toBeNull();
  });

  it('builds export addresses only from ids', () => {
    expect(isId(' 0b7c1a52-7c1e-4e38-9d7e-0a5d0c1f2e3a ')).toBe(true);
    expect(isId('../users')).toBe(false);
    expect(exportUrl('user', '0b7c1a52-7c1e-4e38-9d7e-0a5d0c1f2e3a')).toBe(
      '/api/v1/admin/exports/users/0b7c1a52-7c1e-4e38-9d7e-0a5d0c1f2e3a',
    );
  });

  it('summarises a run in words', () => {
    const run = { action: 'delete', messages: 3, files: 0, held: 1, trigger: 'manual' } as RetentionRun;
    expect(runSummary(run)).toBe('3 messages deleted, 0 files removed, 1 held message kept (run now)');
  });
});
