import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { protocol, standIn } from '../testing/electron-stand-in';
import { APP_ORIGIN, isAppUrl, serveRendererFrom } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';
import type { Protocol } from 'electron';

let root: string;
let rendererDir: string;

beforeAll(async () => {
  // A secret beside the renderer folder: nothing under ferry://app may reach it.
  root = await mkdtemp(join(tmpdir(), 'ferry-app-protocol-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("ferry")');
  await writeFile(join(root, 'secret.txt'), 'not for the page');
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function get(url: string): Promise<{ status: number; type: string | null; body: string }> {
  const handler = standIn.protocolHandler('ferry');
  if (!handler) throw new Error('ferry:// is not served');
  const response = await handler(new Request(url));
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
  };
}

describe('ferry://app serves the renderer', () => {
  beforeEach(() => {
    standIn.reset();
    serveRendererFrom(protocol as unknown as Protocol, rendererDir);
  });

  it('serves the page and its scripts with their types', async () => {
    expect(await get(`${APP_ORIGIN}/index.html`)).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><title>Ferry</title>',
    });
    expect(await get(`${APP_ORIGIN}/`)).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
    });
    expect(await get(`${APP_ORIGIN}/assets/app.js`)).toMatchObject({
      status: 200,
      type: 'text/javascript; charset=utf-8',
    });
  });

  it('puts the strict CSP on every page it serves (custom schemes get no header hooks)', async () => {
    const handler = standIn.protocolHandler('ferry');
    const response = await handler!(new Request(`${APP_ORIGIN}/index.html`));
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    `${APP_ORIGIN}/../secret.txt`,
    `${APP_ORIGIN}/%2e%2e/secret.txt`,
    `${APP_ORIGIN}/%2e%2e%2fsecret.txt`,
    `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`,
    `${APP_ORIGIN}/index.html%00.js`,
    `${APP_ORIGIN}/%E0%A4%A`,
    `${APP_ORIGIN}/missing.html`,
    `${APP_ORIGIN}/assets`,
    'ferry://other/index.html',
  ])('answers 404 to %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('not for the page');
  });
});

describe('isAppUrl', () => {
  it.each([
    ['ferry://app', true],
    ['ferry://app/', true],
    ['ferry://app/index.html#/remote', true],
    ['ferry://app.evil.example/', false],
    ['ferry://apps/', false],
    ['ferry://app@evil.example/', false],
    ['https://app/', false],
    ['file:///app/index.html', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});
