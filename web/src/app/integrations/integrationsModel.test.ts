import { describe, expect, it } from 'vitest';
import { curlExample, fieldNameFrom, formProblems, hostProblem, isAdmin, move, problemKey, scopeText, SCOPES, targetProblem, toWireFields, type DraftField } from './integrationsModel';

const field = (f: Partial<DraftField>): DraftField => ({ name: 'bed', label: 'Bed', type: 'text', required: false, choices: '', ...f });

describe('scopes', () => {
  it('explains every scope the server knows in one line', () => {
    expect(SCOPES.map((s) => s.scope)).toEqual(['messages:write', 'mentions:read', 'commands', 'requests:manage', 'results:submit']);
    expect(scopeText('results:submit')).toMatch(/results/);
    expect(scopeText('nope')).toBe('Unknown scope.');
  });
});

describe('the form builder', () => {
  it('accepts a good form and sends choices only for a choice field', () => {
    const fields = [field({}), field({ name: 'fasting', label: 'Fasting', type: 'choice', choices: 'yes, no ,' })];
    expect(formProblems(fields)).toEqual({});
    expect(toWireFields(fields)).toEqual([
      { name: 'bed', label: 'Bed', type: 'text', required: false },
      { name: 'fasting', label: 'Fasting', type: 'choice', required: false, choices: ['yes', 'no'] },
    ]);
  });

  it('names a bad name, a duplicate, a missing label and a choice field without choices', () => {
    const p = formProblems([field({ name: 'Bed' }), field({ name: 'x' }), field({ name: 'x', label: ' ' }), field({ name: 'c', type: 'choice' })]);
    expect(Object.keys(p).sort()).toEqual(['fields.0.name', 'fields.2.label', 'fields.2.name', 'fields.3.choices']);
  });

  it('refuses choices on a text field and more than twenty fields', () => {
    expect(formProblems([field({ choices: 'a' })])['fields.0.choices']).toMatch(/Only a choice/);
    const many = Array.from({ length: 21 }, (_, i) => field({ name: `f${i}` }));
    expect(formProblems(many).fields).toMatch(/at most 20/);
  });

  it('takes targets of whole minutes up to a week', () => {
    expect(targetProblem('30')).toBeNull();
    expect(targetProblem('0')).not.toBeNull();
    expect(targetProblem('10081')).not.toBeNull();
    expect(targetProblem('1.5')).not.toBeNull();
  });

  it('reads the server problem field in either notation', () => {
    expect(problemKey('fields[2].name')).toBe('fields.2.name');
    expect(problemKey('slug')).toBe('slug');
    expect(problemKey(undefined)).toBeNull();
  });
});

describe('the escalation chain', () => {
  it('moves a step up and down without changing the original', () => {
    const chain = ['a', 'b', 'c'];
    expect(move(chain, 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(chain, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(chain).toEqual(['a', 'b', 'c']);
  });

  it('stays put at the ends', () => {
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(move(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

describe('small rules', () => {
  it('only takes a bare host on the allow-list', () => {
    expect(hostProblem('hooks.example.org')).toBeNull();
    expect(hostProblem('https://hooks.example.org')).not.toBeNull();
    expect(hostProblem('  ')).not.toBeNull();
  });

  it('shows integrations to organisation and platform admins only', () => {
    expect(isAdmin('org_admin')).toBe(true);
    expect(isAdmin('platform_admin')).toBe(true);
    expect(isAdmin('member')).toBe(false);
    expect(isAdmin(undefined)).toBe(false);
  });

  it('quotes the URL in the curl example', () => {
    expect(curlExample('http://x/api/v1/hooks/cwh_a')).toContain("'http://x/api/v1/hooks/cwh_a'");
  });
});

describe('field names', () => {
  it('derives a valid name from a label', () => {
    expect(fieldNameFrom('Tubes needed?')).toBe('tubes_needed');
    expect(fieldNameFrom('2nd sample')).toBe('nd_sample');
  });
});
