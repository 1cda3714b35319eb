import { describe, expect, it } from 'vitest';
import { ordered, type ScimToken } from './scimApi';

const token = (id: string, revokedAt: string | null = null): ScimToken => ({
  id,
  name: id,
  createdBy: 'admin',
  createdAt: '2026-12-08T09:00:00Z',
  lastUsedAt: null,
  revokedAt,
});

describe('ordered', () => {
  it('lists live tokens before revoked ones and keeps the server order within each', () => {
    const list = [token('a', '2026-12-08T10:00:00Z'), token('b'), token('c', '2026-12-08T11:00:00Z'), token('d')];
    expect(ordered(list).map((t) => t.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});
