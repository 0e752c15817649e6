/**
 * Connects this page is waiting on. While one is, a `session.opened` event is that connect's own
 * news (its reply follows); with none, the session is one a reload interrupted the connect of.
 */
let inFlight = 0;

export async function whileConnecting<T>(connect: Promise<T>): Promise<T> {
  inFlight += 1;
  try {
    return await connect;
  } finally {
    inFlight -= 1;
  }
}

export const isConnecting = (): boolean => inFlight > 0;
