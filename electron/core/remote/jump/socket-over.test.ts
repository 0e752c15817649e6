/**
 * socketOver on real loopback sockets: what the socket's owner writes reaches the stream and what
 * the stream says comes back, both ways to the end (an FTP upload's EOF must not cut the reply).
 */
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { socketOver } from './socket-over';

it('relays both ways, and an end on one side still lets the other finish', async () => {
  // An echo: whatever is written to the stream comes back out of it, and so does its end.
  const echo = new PassThrough();
  const socket = await socketOver(echo);
  expect(socket.remoteAddress).toBe('127.0.0.1');
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  const ended = new Promise<void>((resolve) => socket.once('end', resolve));
  const payload = Buffer.alloc(3 * 1024 * 1024, 7);
  socket.end(payload);
  await ended;
  expect(Buffer.concat(received).equals(payload)).toBe(true);
  socket.destroy();
});

it('a stream that fails closes the socket', async () => {
  const stream = new PassThrough();
  const socket = await socketOver(stream);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.resume();
  stream.destroy(new Error('the channel broke'));
  await closed;
  expect(socket.destroyed).toBe(true);
});

it('a stream that fails while the relay is set up rejects, instead of an unhandled error', async () => {
  const stream = new PassThrough();
  const opening = socketOver(stream);
  // The jump host closes the channel at once (before the local connection is accepted).
  stream.destroy(new Error('the channel broke'));
  await expect(opening).rejects.toThrow('the channel broke');
});

it('a stream already closed gives no socket that would wait forever', async () => {
  const stream = new PassThrough();
  stream.destroy();
  await new Promise((resolve) => setImmediate(resolve));
  await expect(socketOver(stream)).rejects.toThrow('The tunnel closed before it was used.');
});
