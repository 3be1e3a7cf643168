import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAppUrl, navigationDecision } from '../../../src/main/security';

describe('shell.openExternal allow-list', () => {
  it.each(['https://github.com/peak/peak-trade', 'https://GITHUB.com/x', 'https://kernc.github.io/backtesting.py/', 'https://github.com:443/x'])(
    'allows %s',
    (u) => expect(isAllowedExternalUrl(u)).toBe(true),
  );
  it.each([
    'http://github.com/', // not https
    'https://evil.example/',
    'https://github.com.evil.example/',
    'https://user:pw@github.com/',
    'https://github.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'ms-msdt:/id',
    'app://peak/index.html',
    'not a url',
    '',
  ])('refuses %s', (u) => expect(isAllowedExternalUrl(u)).toBe(false));
});

describe('navigation policy', () => {
  it('recognises the app origin (and the dev server only when given)', () => {
    expect(isAppUrl('app://peak/index.html')).toBe(true);
    expect(isAppUrl('app://peak/#/backtest')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
  });

  it('cancels navigation away from the app; opens allow-listed https links externally', () => {
    expect(navigationDecision('app://peak/index.html')).toEqual({ allow: true, openExternal: false });
    expect(navigationDecision('https://github.com/x')).toEqual({ allow: false, openExternal: true });
    expect(navigationDecision('https://evil.example/')).toEqual({ allow: false, openExternal: false });
    expect(navigationDecision('file:///home/u/data.csv')).toEqual({ allow: false, openExternal: false });
  });
});
