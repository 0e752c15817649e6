/**
 * Port allocation for concurrent harness instances.
 *
 * Each instance reserves a "slot": a block of ports below Linux's ephemeral range (32768+), so
 * outgoing client sockets never take them. The reservation itself is a listening socket on the
 * slot's first port: the kernel makes it atomic across processes and frees it when the owner
 * dies, so no lock file can go stale. Control ports and vsftpd passive ranges come from the slot,
 * so two instances never share a passive range.
 */
import { createServer, type Server } from 'node:net';
import { HarnessError } from './processes';

const PORT_FLOOR = 20_000;
const SLOT_SIZE = 500;
const SLOT_COUNT = 24; // 20000..31999, below the ephemeral range
const CONTROL_PORTS = 19; // base+1 .. base+19
const PASSIVE_FIRST = 20;
export const PASSIVE_RANGE_SIZE = 96;
const PASSIVE_RANGES = Math.floor((SLOT_SIZE - PASSIVE_FIRST) / PASSIVE_RANGE_SIZE);

export interface PortSlot {
  readonly index: number;
  /** A control port not handed out before by this slot. */
  nextControlPort(): number;
  /** A passive port range of its own for one vsftpd instance. */
  nextPassiveRange(): { min: number; max: number };
  release(): Promise<void>;
}

function listenOn(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      server.unref(); // the reservation must not keep the process alive
      resolve(server);
    });
  });
}

export async function reserveSlot(): Promise<PortSlot> {
  const start = Math.floor(Math.random() * SLOT_COUNT);
  for (let i = 0; i < SLOT_COUNT; i++) {
    const index = (start + i) % SLOT_COUNT;
    const base = PORT_FLOOR + index * SLOT_SIZE;
    const guard = await listenOn(base);
    if (!guard) continue;
    let control = 0;
    let passive = 0;
    return {
      index,
      nextControlPort() {
        if (control >= CONTROL_PORTS) {
          throw new HarnessError(`Port slot ${index} has no control ports left.`);
        }
        control += 1;
        return base + control;
      },
      nextPassiveRange() {
        if (passive >= PASSIVE_RANGES) {
          throw new HarnessError(`Port slot ${index} has no passive ranges left.`);
        }
        const min = base + PASSIVE_FIRST + passive * PASSIVE_RANGE_SIZE;
        passive += 1;
        return { min, max: min + PASSIVE_RANGE_SIZE - 1 };
      },
      release: () => new Promise<void>((resolve) => guard.close(() => resolve())),
    };
  }
  throw new HarnessError(
    `All ${SLOT_COUNT} harness port slots (${PORT_FLOOR}-${PORT_FLOOR + SLOT_COUNT * SLOT_SIZE - 1}) are in use. ` +
      'Stop leftover test servers (npm run servers sessions, hung test runs) and try again.',
  );
}
