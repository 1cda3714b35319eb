import { describe, expect, it } from 'vitest';
import { fileKind, filesSummary, fileSize, fileUrls, thumbnailBox, viewable } from './fileFormat';

describe('fileSize', () => {
  it('counts in bytes, KB, MB and GB', () => {
    expect(fileSize(1)).toBe('1 byte');
    expect(fileSize(812)).toBe('812 bytes');
    expect(fileSize(1024)).toBe('1 KB');
    expect(fileSize(14 * 1024 + 300)).toBe('14 KB');
    expect(fileSize(3.24 * 1024 * 1024)).toBe('3.2 MB');
    expect(fileSize(100 * 1024 * 1024)).toBe('100 MB');
    expect(fileSize(5 * 1024 ** 3)).toBe('5 GB');
  });
});

describe('fileKind and viewable', () => {
  it('names kinds by the sniffed type', () => {
    expect(fileKind('image/png')).toBe('image');
    expect(fileKind('application/pdf')).toBe('pdf');
    expect(fileKind('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('document');
    expect(fileKind('text/csv')).toBe('spreadsheet');
    expect(fileKind('text/plain; charset=utf-8')).toBe('text');
    expect(fileKind('application/octet-stream')).toBe('other');
  });

  it('opens only inline-served images and PDFs in the viewer', () => {
    expect(viewable('image/jpeg')).toBe('image');
    expect(viewable('image/svg+xml')).toBeNull();
    expect(viewable('image/tiff')).toBeNull();
    expect(viewable('application/pdf')).toBe('pdf');
    expect(viewable('text/html')).toBeNull();
  });
});

describe('thumbnailBox', () => {
  it('keeps proportions within 320 × 240', () => {
    expect(thumbnailBox(4000, 3000)).toEqual({ width: 320, height: 240 });
    expect(thumbnailBox(1000, 2000)).toEqual({ width: 120, height: 240 });
    expect(thumbnailBox(100, 50)).toEqual({ width: 100, height: 50 });
  });

  it('reserves a square when the size is unknown', () => {
    expect(thumbnailBox(null, null)).toEqual({ width: 240, height: 240 });
  });
});

describe('fileUrls', () => {
  it('encodes the id into the contract paths', () => {
    expect(fileUrls.download('a/b')).toBe('/api/v1/files/a%2Fb/content?download=1');
    expect(fileUrls.thumbnail('f1')).toBe('/api/v1/files/f1/thumbnail');
  });
});

describe('filesSummary', () => {
  it('names one file and counts several', () => {
    expect(filesSummary(undefined)).toBe('');
    expect(filesSummary([{ name: 'ecg.png' }])).toBe('📎 ecg.png');
    expect(filesSummary([{ name: 'a' }, { name: 'b' }])).toBe('📎 2 files');
  });
});
