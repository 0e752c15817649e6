/**
 * A CPU profile of the app's own process (the browser edition's Node process) during one run:
 * FERRY_UI_BENCH_APP_PROFILE=DIR. Node opens its inspector on SIGUSR1 (on 127.0.0.1:9229);
 * the profile is taken through it and written as DIR/app-<time>.cpuprofile.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';

export interface AppProfiler {
  stop(): Promise<void>;
}

export async function startAppProfile(pid: number, dir: string): Promise<AppProfiler> {
  process.kill(pid, 'SIGUSR1');
  let url: string | undefined;
  for (let attempt = 0; attempt < 50 && !url; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const targets = (await fetch('http://127.0.0.1:9229/json/list')
      .then((r) => r.json())
      .catch(() => [])) as Array<{ webSocketDebuggerUrl?: string }>;
    url = targets[0]?.webSocketDebuggerUrl;
  }
  if (!url) throw new Error('the app did not open its inspector');
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const send = (method: string): Promise<unknown> =>
    new Promise((resolve) => {
      const id = nextId++;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  await send('Profiler.enable');
  await send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await send('Profiler.stop')) as { profile: unknown };
      await writeFile(join(dir, `app-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      socket.close();
    },
  };
}
