/**
 * The browser edition: the same core and renderer as the desktop app, served to a local
 * browser. Usage: node out/main/web.js [--port N] [--data-dir DIR]
 */
import envPaths from 'env-paths';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp, type PagePresence } from './core/app';
import { reportStrayRejections } from './core/stray-rejections';
import { startWebServer } from './transport/http';

const here = fileURLToPath(new URL('.', import.meta.url));

async function readVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(join(here, '../../package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  reportStrayRejections();
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`"${values.port}" is not a port number (1-65535).`);
    process.exit(2);
  }
  const dataDir =
    values['data-dir'] ?? process.env.FERRY_DATA_DIR ?? envPaths('ferry', { suffix: '' }).config;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const version = await readVersion();

  let dispose: () => Promise<void> = async () => undefined;
  let pages: PagePresence | undefined;
  const server = await startWebServer({
    port,
    staticDir: join(here, '../renderer'),
    createHandlers: (emit) => {
      const core = createApp({ edition: 'browser', dataDir, version, emit });
      dispose = core.dispose;
      pages = core.pages;
      return core.handlers;
    },
    // Which browser tabs are there: a page gone for good has its sessions closed after a while.
    pages: {
      opened: (pageId) => pages?.opened(pageId),
      closed: (pageId) => pages?.closed(pageId),
    },
    onInternalError: (method, error) => console.error(`Internal error in ${method}:`, error),
    // Files dropped into the page are staged here until their upload is over.
    uploads: { stagingRoot: join(dataDir, 'upload-staging') },
  }).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} is already in use. Choose another with --port, or leave it out to pick a free one.`
        : `Ferry could not start its local server: ${String(error)}`,
    );
    process.exit(1);
  });

  console.log(`Ferry is running at ${server.url}`);
  console.log('Open that address in your browser. Keep it private: the token in it is the key.');

  const stop = () => {
    void Promise.allSettled([server.close(), dispose()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
