/**
 * The server's SSH_MSG_KEXINIT (RFC 4253 §7.1): the algorithms it offers. Read from the first
 * binary packet after the identification lines; before key exchange packets carry no MAC and no
 * encryption, so the format is simple enough to parse here rather than patch ssh2 to expose it.
 */

export interface KexInit {
  kex: string[];
  hostKeyAlgorithms: string[];
  ciphersClientToServer: string[];
  ciphersServerToClient: string[];
  macsClientToServer: string[];
  macsServerToClient: string[];
  compressionClientToServer: string[];
  compressionServerToClient: string[];
}

export const SSH_MSG_KEXINIT = 20;
/** RFC 4253 §6.1: implementations must handle packets of 35000 bytes; nothing sane sends more before KEX. */
const MAX_PACKET_LENGTH = 35_000;

export type KexInitParse =
  | { state: 'incomplete' }
  | { state: 'done'; kexinit: KexInit }
  | { state: 'invalid'; problem: string };

/** Parses the first packet at the start of `buffer`. */
export function parseKexInitPacket(buffer: Buffer): KexInitParse {
  if (buffer.length < 5) return { state: 'incomplete' };
  const packetLength = buffer.readUInt32BE(0);
  if (packetLength < 2 || packetLength > MAX_PACKET_LENGTH) {
    return { state: 'invalid', problem: `packet length ${packetLength} is not plausible` };
  }
  if (buffer.length < 4 + packetLength) return { state: 'incomplete' };
  const paddingLength = buffer.readUInt8(4);
  const payloadEnd = 4 + packetLength - paddingLength;
  if (payloadEnd <= 5) return { state: 'invalid', problem: 'padding longer than the packet' };
  const payload = buffer.subarray(5, payloadEnd);
  if (payload[0] !== SSH_MSG_KEXINIT) {
    return { state: 'invalid', problem: `first message is type ${payload[0]}, not KEXINIT` };
  }
  const lists: string[][] = [];
  let offset = 1 + 16; // message type, cookie
  for (let i = 0; i < 10; i += 1) {
    if (offset + 4 > payload.length) return { state: 'invalid', problem: 'name-list cut short' };
    const length = payload.readUInt32BE(offset);
    offset += 4;
    if (offset + length > payload.length) {
      return { state: 'invalid', problem: 'name-list longer than the packet' };
    }
    const text = payload.subarray(offset, offset + length).toString('latin1');
    offset += length;
    if (!/^[\x21-\x7e]*$/.test(text)) return { state: 'invalid', problem: 'name-list not ASCII' };
    lists.push(text === '' ? [] : text.split(','));
  }
  const [kex, hostKeys, cipherCs, cipherSc, macCs, macSc, compCs, compSc] = lists;
  return {
    state: 'done',
    kexinit: {
      kex: kex ?? [],
      hostKeyAlgorithms: hostKeys ?? [],
      ciphersClientToServer: cipherCs ?? [],
      ciphersServerToClient: cipherSc ?? [],
      macsClientToServer: macCs ?? [],
      macsServerToClient: macSc ?? [],
      compressionClientToServer: compCs ?? [],
      compressionServerToClient: compSc ?? [],
    },
  };
}

/** Builds a KEXINIT packet (for tests and in-test servers that play an SSH server). */
export function encodeKexInitPacket(lists: KexInit): Buffer {
  const nameLists = [
    lists.kex,
    lists.hostKeyAlgorithms,
    lists.ciphersClientToServer,
    lists.ciphersServerToClient,
    lists.macsClientToServer,
    lists.macsServerToClient,
    lists.compressionClientToServer,
    lists.compressionServerToClient,
    [],
    [],
  ].map((names) => {
    const text = Buffer.from(names.join(','), 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(text.length);
    return Buffer.concat([length, text]);
  });
  const payload = Buffer.concat([
    Buffer.from([SSH_MSG_KEXINIT]),
    Buffer.alloc(16, 7), // cookie
    ...nameLists,
    Buffer.from([0, 0, 0, 0, 0]), // first_kex_packet_follows, reserved
  ]);
  // Padding: at least 4 bytes, total a multiple of 8.
  let padding = 8 - ((5 + payload.length) % 8);
  if (padding < 4) padding += 8;
  const header = Buffer.alloc(5);
  header.writeUInt32BE(1 + payload.length + padding);
  header.writeUInt8(padding, 4);
  return Buffer.concat([header, payload, Buffer.alloc(padding)]);
}
