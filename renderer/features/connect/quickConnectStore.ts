import { create } from 'zustand';
import {
  defaultPort,
  parseRemoteUrl,
  portAfterProtocolChange,
  type Protocol,
} from '../../../shared/protocols';

export interface QuickConnectForm {
  protocol: Protocol;
  host: string;
  /** What the port field shows; empty while the user is typing. */
  port: string;
  /** True once the user typed a port of their own: protocol changes then keep it. */
  portTouched: boolean;
  user: string;
  password: string;
}

interface QuickConnectState extends QuickConnectForm {
  setProtocol(protocol: Protocol): void;
  setPort(port: string): void;
  setField(field: 'host' | 'user' | 'password', value: string): void;
  /**
   * Takes an address pasted into the host field (`sftp://user@host:2222/`, as FileZilla and
   * WinSCP accept) apart into protocol, host, port and user. Anything else stays as typed.
   */
  takeAddress(): void;
  /** Fills the form from a saved site or a security-check recommendation. */
  fill(values: Partial<Omit<QuickConnectForm, 'portTouched'>>): void;
  /** Counts requests to put the keyboard in the password field (the bar follows it). */
  passwordWanted: number;
  /** Fills the form for `server` and asks for its password (a reconnect Ferry has none for). */
  askPassword(server: { protocol: Protocol; host: string; port: number; user: string }): void;
}

export const useQuickConnect = create<QuickConnectState>((set) => ({
  protocol: 'sftp',
  host: '',
  port: String(defaultPort('sftp')),
  portTouched: false,
  user: '',
  password: '',
  setProtocol: (protocol) =>
    set((state) => {
      const current = Number(state.port);
      const port = portAfterProtocolChange(
        state.protocol,
        protocol,
        Number.isInteger(current) && current > 0 ? current : undefined,
        state.portTouched,
      );
      return { protocol, port: String(port), portTouched: port !== defaultPort(protocol) };
    }),
  setPort: (port) => set({ port, portTouched: true }),
  setField: (field, value) => set({ [field]: value }),
  fill: (values) => set({ ...values, portTouched: false }),
  passwordWanted: 0,
  askPassword: ({ protocol, host, port, user }) =>
    set((state) => ({
      protocol,
      host,
      port: String(port),
      portTouched: port !== defaultPort(protocol),
      user,
      password: '',
      passwordWanted: state.passwordWanted + 1,
    })),
  takeAddress: () =>
    set((state) => {
      if (!/^[a-z]+:\/\//i.test(state.host.trim())) return {};
      try {
        const url = parseRemoteUrl(state.host);
        return {
          protocol: url.protocol,
          host: url.host,
          port: String(url.port),
          portTouched: url.port !== defaultPort(url.protocol),
          ...(url.user ? { user: url.user } : {}),
        };
      } catch {
        return {}; // Not an address Ferry knows: leave it for the user to correct.
      }
    }),
}));
