import { describe, expect, test, vi } from 'vitest';
import { resolveTheme } from './applyPreferences';
import { deviceName, signOutOthers, sessionsApi, type SessionInfo } from './sessions';

describe('theme', () => {
  test('"system" follows the device: dark, or high contrast when it asks for more contrast', () => {
    expect(resolveTheme('system', { dark: false, moreContrast: false })).toBe('light');
    expect(resolveTheme('system', { dark: true, moreContrast: false })).toBe('dark');
    expect(resolveTheme('system', { dark: true, moreContrast: true })).toBe('contrast');
    expect(resolveTheme('light', { dark: true, moreContrast: true })).toBe('light');
    expect(resolveTheme('contrast', { dark: false, moreContrast: false })).toBe('contrast');
  });
});

describe('signed-in devices', () => {
  test('device names from user agents', () => {
    expect(deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0')).toBe(
      'Edge on Windows',
    );
    expect(deviceName('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1')).toBe(
      'Safari on iOS',
    );
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/156.0 Safari/537.36')).toBe('Chrome (headless) on Linux');
    expect(deviceName(null)).toBe('Unknown device');
    expect(deviceName('curl/8.0')).toBe('curl/8.0');
  });

  test('"sign out other devices" ends every session but this one', async () => {
    const revoke = vi.spyOn(sessionsApi, 'revoke').mockResolvedValue(undefined);
    const s = (id: string, current = false) => ({ id, current }) as SessionInfo;
    expect(await signOutOthers([s('me', true), s('a'), s('b')])).toBe(2);
    expect(revoke.mock.calls.map((c) => c[0]).sort()).toEqual(['a', 'b']);
  });
});
