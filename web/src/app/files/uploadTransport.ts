/**
 * The upload protocol over HTTP (issue 16; docs/files.md). Chunks go with XMLHttpRequest, the
 * one browser API that reports upload progress; the small JSON calls use request() like every
 * other call. State-changing requests echo the confer_csrf cookie in X-CSRF-Token.
 */
import { ApiError, csrfToken, NetworkError, request } from '../../api';
import type { FileView, UploadSession } from '../../types';
import type { UploadTransport } from './upload';

const uploadPath = (id: string) => `/api/v1/uploads/${encodeURIComponent(id)}`;

/** An error answer as request() makes it: the problem's detail and type. */
export function problemError(status: number, statusText: string, body: string, retryAfter: string | null): ApiError {
  let detail = statusText || `HTTP ${status}`;
  let problem: { type?: string; field?: string } | undefined;
  try {
    const p = JSON.parse(body);
    if (p && typeof p === 'object') {
      if (typeof p.detail === 'string') detail = p.detail;
      else if (typeof p.title === 'string') detail = p.title;
      problem = { type: typeof p.type === 'string' ? p.type : undefined, field: typeof p.field === 'string' ? p.field : undefined };
    }
  } catch {
    /* not JSON */
  }
  const retry = Number(retryAfter);
  return new ApiError(status, detail, Number.isFinite(retry) && retry > 0 ? retry : undefined, problem);
}

function putChunk(id: string, offset: number, chunk: Blob, onProgress: (loaded: number) => void, signal: AbortSignal) {
  return new Promise<{ id: string; offset: number; size: number; file?: FileView }>((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `${uploadPath(id)}?offset=${offset}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText));
        } catch {
          reject(new ApiError(xhr.status, 'The server answered something unreadable.'));
        }
      } else {
        reject(problemError(xhr.status, xhr.statusText, xhr.responseText, xhr.getResponseHeader('Retry-After')));
      }
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload connection failed')));
    xhr.ontimeout = () => reject(new NetworkError(new Error('upload timed out')));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(chunk);
  });
}

export const uploadTransport: UploadTransport = {
  create: (req, signal) => request<UploadSession>('POST', '/api/v1/uploads', req, { signal }),
  put: putChunk,
  status: (id, signal) => request<UploadSession>('GET', uploadPath(id), undefined, { signal }),
  remove: (id) => request<void>('DELETE', uploadPath(id)),
};
