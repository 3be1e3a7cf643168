import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAppRequest, serveAppRequest } from '../../../src/main/protocol';
import { buildCsp, contentTypeFor, isInside, resolveContainedPath } from '../../../src/node/web/static-files';

const root = '/srv/renderer';

describe('resolveContainedPath (renderer files for the twin and app://)', () => {
  it('maps / and directories to index.html and plain paths under the root', () => {
    expect(resolveContainedPath(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveContainedPath(root, '')).toBe('/srv/renderer/index.html');
    expect(resolveContainedPath(root, '/assets/index-abc.js')).toBe('/srv/renderer/assets/index-abc.js');
    expect(resolveContainedPath(root, '/assets/a%20b.css?v=1#x')).toBe('/srv/renderer/assets/a b.css');
    expect(resolveContainedPath(root, '/docs/')).toBe('/srv/renderer/docs/index.html');
    expect(resolveContainedPath(root, '//assets//x.js')).toBe('/srv/renderer/assets/x.js');
  });

  it.each([
    ['../etc/passwd'],
    ['/../etc/passwd'],
    ['/assets/../../etc/passwd'],
    ['/assets/../index.html'], // even a traversal that would stay inside is refused
    ['/%2e%2e/etc/passwd'],
    ['/%2E%2E/%2e%2E/etc/passwd'],
    ['/assets/%2e%2e%2f%2e%2e%2fetc/passwd'],
    ['/..%2f..%2fetc%2fpasswd'],
    ['/..%5c..%5cwindows'],
    ['/assets\\..\\..\\secret'],
    ['/./index.html'],
    ['/index.html%00.png'],
    ['/%E0%A4%A'], // undecodable escape
    ['/C:/Windows/win.ini'],
    ['/c:%5cwindows'],
  ])('refuses %s', (p) => {
    expect(resolveContainedPath(root, p)).toBeNull();
  });

  it('treats an absolute-looking path as relative to the root (never the filesystem root)', () => {
    expect(resolveContainedPath(root, '/etc/passwd')).toBe('/srv/renderer/etc/passwd');
  });

  it('refuses a relative root (containment needs an absolute anchor)', () => {
    expect(resolveContainedPath('out/renderer', '/index.html')).toBeNull();
  });

  it('resolves lexically, without touching the filesystem (symlink-free)', () => {
    // /srv/renderer does not exist here; the function still answers.
    expect(resolveContainedPath('/definitely/not/here', '/a/b.js')).toBe('/definitely/not/here/a/b.js');
  });

  it('isInside: strict containment on resolved paths', () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(false);
    expect(isInside('/a/b', '/a/bc/d')).toBe(false);
    expect(isInside('/a/b', '/a')).toBe(false);
    expect(isInside('/a/b', '/a/b/..foo')).toBe(true); // a file literally named "..foo" is inside
  });

  it('content types and the CSP', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/blob')).toBe('application/octet-stream');
    const csp = buildCsp(['ws://127.0.0.1:1234']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:1234");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});

describe('app:// protocol', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'peak-proto-')));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<title>Peak Trade</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'secret.txt'), join(rendererDir, 'assets', 'leak.js'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolveAppRequest accepts only app://peak', () => {
    expect(resolveAppRequest(rendererDir, 'app://peak/index.html')).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppRequest(rendererDir, 'app://peak')).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppRequest(rendererDir, 'app://evil/index.html')).toBeNull();
    expect(resolveAppRequest(rendererDir, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppRequest(rendererDir, 'app://peak/%2e%2e/secret.txt')).toBeNull();
  });

  it('serves files with the CSP, refuses traversal and symlinks that leave the renderer', async () => {
    const ok = await serveAppRequest(rendererDir, 'app://peak/index.html');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/text\/html/);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await ok.text()).toContain('Peak Trade');
    expect((await serveAppRequest(rendererDir, 'app://peak/assets/app.js')).status).toBe(200);
    expect((await serveAppRequest(rendererDir, 'app://peak/..%2fsecret.txt')).status).toBe(403);
    const leak = await serveAppRequest(rendererDir, 'app://peak/assets/leak.js');
    expect(leak.status).toBe(403);
    expect(await leak.text()).not.toContain('secret');
    expect((await serveAppRequest(rendererDir, 'app://peak/missing.js')).status).toBe(404);
  });
});
