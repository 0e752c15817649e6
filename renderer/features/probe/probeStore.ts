import { create } from 'zustand';
import type { ProbeEndpoint, ProbeReport } from '../../../shared/contract/probe';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError, on } from '../../api';
import { initialPortsText, parsePorts } from './ports';

/**
 * A saved site's check: it goes the way the site's connections go — its proxy, and its SSH jump
 * host ("user@host:port", named in the panel) when it has one.
 */
export interface ProbeSite {
  id: string;
  jump?: string | undefined;
}

interface ProbeState {
  open: boolean;
  /** Set for a site's check (see ProbeSite); absent: the quick-connect bar's. */
  site?: ProbeSite;
  host: string;
  portsText: string;
  /** What is wrong with the host or ports fields, in plain words. */
  problem?: string;
  running: boolean;
  /** Identifies the running check's events. */
  probeId?: string;
  /** Ports already answered while the check runs, in arrival order. */
  arrived: ProbeEndpoint[];
  report?: ProbeReport;
  error?: ErrorInfo;
  /** The last finished check per host (lower-case), for hints on connect. */
  reports: Record<string, ProbeReport>;
  openCheck(host: string, currentPort?: number, site?: ProbeSite): void;
  setHost(host: string): void;
  setPortsText(text: string): void;
  run(): Promise<void>;
  close(): void;
}

let counter = 0;

export const useProbe = create<ProbeState>((set, get) => ({
  open: false,
  host: '',
  portsText: initialPortsText(),
  running: false,
  arrived: [],
  reports: {},
  openCheck: (host, currentPort, site) => {
    set({
      open: true,
      site,
      host: host.trim(),
      portsText: initialPortsText(currentPort),
      problem: undefined,
      arrived: [],
      report: undefined,
      error: undefined,
    });
    if (host.trim() !== '') void get().run();
  },
  setHost: (host) => set({ host, problem: undefined }),
  setPortsText: (portsText) => set({ portsText, problem: undefined }),
  run: async () => {
    const { host, portsText, running, site } = get();
    if (running) return;
    if (host.trim() === '') {
      set({ problem: 'Type the host to check, e.g. files.example.com.' });
      return;
    }
    const parsed = parsePorts(portsText);
    if ('problem' in parsed) {
      set({ problem: parsed.problem });
      return;
    }
    counter += 1;
    const probeId = `check-${counter}-${Math.random().toString(36).slice(2, 10)}`;
    set({ running: true, probeId, arrived: [], report: undefined, error: undefined });
    try {
      const report = await call('probe.run', {
        host: host.trim(),
        ports: parsed.ports,
        probeId,
        ...(site ? { siteId: site.id } : {}),
      });
      if (get().probeId !== probeId) return; // closed or restarted meanwhile
      // Only a direct check speaks for the host itself (the connect hint reads these).
      set((s) =>
        site
          ? { report }
          : { report, reports: { ...s.reports, [report.host.toLowerCase()]: report } },
      );
    } catch (error) {
      if (get().probeId === probeId) set({ error: describeError(error) });
    } finally {
      if (get().probeId === probeId) set({ running: false });
    }
  },
  close: () => set({ open: false, running: false, probeId: undefined }),
}));

/** The last finished security check of `host`, if any (for the "a safer way exists" hint). */
export function lastReportFor(host: string): ProbeReport | undefined {
  return useProbe.getState().reports[host.trim().toLowerCase()];
}

let watching = false;
/** Shows each port's result as soon as the core has it, once per page. */
export function watchProbeEvents(): void {
  if (watching) return;
  watching = true;
  on('probe.endpoint', ({ probeId, endpoint }) => {
    if (useProbe.getState().probeId !== probeId) return;
    useProbe.setState((s) => ({ arrived: [...s.arrived, endpoint] }));
  });
}
