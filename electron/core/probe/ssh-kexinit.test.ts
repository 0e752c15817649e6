import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeKexInitPacket, parseKexInitPacket, type KexInit } from './ssh-kexinit';

const OPENSSH: KexInit = {
  kex: ['curve25519-sha256', 'kex-strict-s-v00@openssh.com'],
  hostKeyAlgorithms: ['ssh-ed25519', 'rsa-sha2-512'],
  ciphersClientToServer: ['chacha20-poly1305@openssh.com', 'aes128-ctr'],
  ciphersServerToClient: ['aes256-gcm@openssh.com'],
  macsClientToServer: ['hmac-sha2-256-etm@openssh.com'],
  macsServerToClient: ['hmac-sha2-512'],
  compressionClientToServer: ['none', 'zlib@openssh.com'],
  compressionServerToClient: [],
};

describe('parseKexInitPacket', () => {
  it('reads back every name-list of a packet', () => {
    expect(parseKexInitPacket(encodeKexInitPacket(OPENSSH))).toEqual({
      state: 'done',
      kexinit: OPENSSH,
    });
  });

  it('waits for the rest of a packet cut anywhere', () => {
    const packet = encodeKexInitPacket(OPENSSH);
    for (const cut of [0, 3, 4, 5, 20, packet.length - 1]) {
      expect(parseKexInitPacket(packet.subarray(0, cut))).toEqual({ state: 'incomplete' });
    }
  });

  const broken: { name: string; packet: () => Buffer; problem: RegExp }[] = [
    {
      name: 'a length no SSH server sends',
      packet: () => Buffer.from([0xff, 0xff, 0xff, 0xff, 4, 20]),
      problem: /length/,
    },
    {
      name: 'a first message that is not KEXINIT (a DISCONNECT)',
      packet: () => {
        const packet = encodeKexInitPacket(OPENSSH);
        packet[5] = 1;
        return packet;
      },
      problem: /type 1/,
    },
    {
      name: 'a name-list longer than its packet',
      packet: () => {
        const packet = encodeKexInitPacket(OPENSSH);
        packet.writeUInt32BE(10_000, 5 + 1 + 16);
        return packet;
      },
      problem: /longer/,
    },
    {
      name: 'padding that eats the payload',
      packet: () => Buffer.from([0, 0, 0, 8, 200, 20, 0, 0, 0, 0, 0, 0]),
      problem: /padding/,
    },
    {
      name: 'text that is not printable ASCII',
      packet: () => encodeKexInitPacket({ ...OPENSSH, kex: ['cürve'] }),
      problem: /ASCII/,
    },
  ];
  it.each(broken)('refuses $name', ({ packet, problem }) => {
    const parsed = parseKexInitPacket(packet());
    expect(parsed.state).toBe('invalid');
    if (parsed.state === 'invalid') expect(parsed.problem).toMatch(problem);
  });

  it('round-trips any algorithm names', () => {
    const name = fc.stringMatching(/^[a-z0-9@.+-]{1,40}$/);
    const list = fc.array(name, { maxLength: 12 });
    fc.assert(
      fc.property(
        fc.record({
          kex: list,
          hostKeyAlgorithms: list,
          ciphersClientToServer: list,
          ciphersServerToClient: list,
          macsClientToServer: list,
          macsServerToClient: list,
          compressionClientToServer: list,
          compressionServerToClient: list,
        }),
        (lists) => {
          expect(parseKexInitPacket(encodeKexInitPacket(lists))).toEqual({
            state: 'done',
            kexinit: lists,
          });
        },
      ),
    );
  });
});
