import { describe, expect, it } from 'vitest';
import { problemError } from './uploadTransport';

describe('problemError', () => {
  it('reads the problem+json detail and type, as request() does', () => {
    const e = problemError(415, 'Unsupported Media Type', JSON.stringify({ type: 'urn:confer:problem:file-type-not-allowed', detail: 'HTML is not allowed.' }), null);
    expect(e.status).toBe(415);
    expect(e.detail).toBe('HTML is not allowed.');
    expect(e.problem?.type).toBe('urn:confer:problem:file-type-not-allowed');
  });

  it('keeps the status text when the body is not JSON, and reads Retry-After', () => {
    const e = problemError(503, 'Service Unavailable', '<html>', '7');
    expect(e.detail).toBe('Service Unavailable');
    expect(e.retryAfterSeconds).toBe(7);
  });
});
