/**
 * The app's proxy (Settings → Proxy): where it is in `proxy.json` in the data folder, its
 * password with the site passwords (Secrets, under PROXY_SECRET), never in a file in clear and
 * never back to the page. A saved password goes only to the proxy it was saved for.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { type ProxyChoice, proxyEndpointShape } from '../../../shared/contract/proxy';
import { FerryError } from '../../../shared/errors';
import type { ProxyEndpoint, ProxySettings } from '../../../shared/proxy';
import type { Secrets } from '../secrets/secrets';

export const PROXY_FILE = 'proxy.json';
export const PROXY_SECRET = 'app:proxy:password';

interface Saved {
  proxy: ProxyEndpoint | null;
  hasPassword: boolean;
}

export class ProxyStore {
  private readonly filePath: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly secrets: () => Promise<Secrets>,
  ) {
    this.filePath = join(dataDir, PROXY_FILE);
  }

  async get(): Promise<ProxyChoice | null> {
    const saved = await this.read();
    return saved.proxy && { ...saved.proxy, hasPassword: saved.hasPassword };
  }

  /** `password`: new (string), forget (null) or keep (undefined, same proxy and user only). */
  set(proxy: ProxyEndpoint | null, password?: string | null): Promise<ProxyChoice | null> {
    const next = this.queue.then(async () => {
      const before = await this.read();
      const secrets = await this.secrets();
      const keeps =
        proxy?.user !== undefined &&
        password === undefined &&
        before.hasPassword &&
        before.proxy !== null &&
        sameProxy(before.proxy, proxy);
      let hasPassword = keeps;
      if (proxy?.user !== undefined && typeof password === 'string' && password !== '') {
        if (!secrets.canStore) throw cannotKeep();
        await secrets.set(PROXY_SECRET, password);
        hasPassword = true;
      }
      await this.write({ proxy, hasPassword });
      if (!hasPassword) await secrets.delete(PROXY_SECRET);
      return this.get();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The proxy for a connection, with its password; undefined: connect directly. */
  async forConnection(): Promise<ProxySettings | undefined> {
    const saved = await this.read();
    if (!saved.proxy) return undefined;
    const proxy: ProxySettings = { ...saved.proxy };
    if (saved.hasPassword) {
      const password = await (await this.secrets()).get(PROXY_SECRET).catch(() => undefined);
      if (password === undefined) {
        throw new FerryError(
          'secret_unavailable',
          'Ferry cannot read the saved proxy password.',
          'Unlock the saved passwords (site manager), or enter the proxy password again in Settings.',
        );
      }
      proxy.password = password;
    }
    return proxy;
  }

  private async read(): Promise<Saved> {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(this.filePath, 'utf8'));
    } catch {
      return { proxy: null, hasPassword: false };
    }
    const record =
      typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    const parsed = proxyEndpointShape.safeParse(record.proxy);
    if (!parsed.success) return { proxy: null, hasPassword: false };
    const proxy: ProxyEndpoint = {
      kind: parsed.data.kind,
      host: parsed.data.host,
      port: parsed.data.port,
    };
    if (parsed.data.user !== undefined) proxy.user = parsed.data.user;
    return { proxy, hasPassword: record.hasPassword === true && proxy.user !== undefined };
  }

  private async write(saved: Saved): Promise<void> {
    try {
      await writeFileAtomic(
        this.filePath,
        `${JSON.stringify({ version: 1, ...saved }, null, 2)}\n`,
        {
          mode: 0o600,
        },
      );
    } catch (error) {
      throw new FerryError(
        'internal',
        `Ferry could not save the proxy setting to ${this.filePath}.`,
        'Check that the folder exists and that you can write to it.',
        { cause: error },
      );
    }
  }
}

export function sameProxy(a: ProxyEndpoint, b: ProxyEndpoint): boolean {
  return (
    a.kind === b.kind &&
    a.host.toLowerCase() === b.host.toLowerCase() &&
    a.port === b.port &&
    a.user === b.user
  );
}

function cannotKeep(): FerryError {
  return new FerryError(
    'secret_unavailable',
    'Ferry cannot keep the proxy password on this computer: there is no protected place for passwords yet.',
    'Choose a master password in the site manager (or unlock it), then save the proxy again.',
  );
}
