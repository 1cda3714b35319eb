// @vitest-environment jsdom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, ApiError, NetworkError } from './api';

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'confer_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

function stubFetch(answer: () => Response | Promise<Response>) {
  const f = vi.fn(async (_url: string, _init: RequestInit) => answer());
  vi.stubGlobal('fetch', f);
  return f;
}

describe('REST calls', () => {
  test('state-changing requests send the CSRF cookie value and JSON; GETs do not', async () => {
    document.cookie = 'confer_csrf=abc%2Bdef';
    const f = stubFetch(() => new Response(null, { status: 204 }));
    await api.markRead('c1', 7);
    const [url, init] = f.mock.calls[0];
    expect(url).toBe('/api/v1/conversations/c1/read');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('abc+def');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{"seq":7}');
    expect(init.credentials).toBe('same-origin');

    stubFetch(() => new Response('{"items":[]}', { status: 200 }));
    await api.conversations();
    const g = vi.mocked(fetch).mock.calls[0][1] as RequestInit;
    expect((g.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  test('sign-in keeps nothing in web storage', async () => {
    stubFetch(() => new Response(JSON.stringify({ token: 'secret-token', csrfToken: 'x', expiresAt: '', user: { id: 'u' } }), { status: 200 }));
    await api.login('a@b.test', 'pw');
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });

  test('problem+json detail and Retry-After become an ApiError', async () => {
    stubFetch(
      () =>
        new Response(JSON.stringify({ type: 'urn:confer:problem:rate-limited', title: 'Too many requests', detail: 'Too many sign-in attempts' }), {
          status: 429,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '90' },
        }),
    );
    const e = await api.login('a@b.test', 'pw').catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 429, detail: 'Too many sign-in attempts', retryAfterSeconds: 90 });
  });

  test("a problem's type and field come with the ApiError (a form shows it beside the field)", async () => {
    stubFetch(
      () =>
        new Response(JSON.stringify({ type: 'urn:confer:problem:validation', title: 'Invalid', detail: "'end' must be after 'start'", field: 'end' }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    const e = await api.changePreferences({}).catch((x) => x);
    expect(e).toMatchObject({ status: 400, detail: "'end' must be after 'start'", problem: { type: 'urn:confer:problem:validation', field: 'end' } });
  });

  test('a failed fetch is a NetworkError (retryable)', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.post('c1', 'hi', 'id-1')).rejects.toBeInstanceOf(NetworkError);
  });
});
