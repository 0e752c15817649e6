import { create } from 'zustand';
import { defaultPort, portAfterProtocolChange, type Protocol } from '../../../shared/protocols';

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
  /** Fills the form from a saved site or a security-check recommendation. */
  fill(values: Partial<Omit<QuickConnectForm, 'portTouched'>>): void;
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
}));
