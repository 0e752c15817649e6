import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract/app';
import { call, describeError } from '../../api';
import type { ErrorInfo } from '../../../shared/errors';

interface AppInfoState {
  info?: AppInfo;
  /** Set when Ferry's back end cannot be reached at all. */
  unreachable?: ErrorInfo;
  load(): Promise<void>;
}

/** What the back end says about itself; loaded once at start-up. */
export const useAppInfo = create<AppInfoState>((set) => ({
  load: async () => {
    try {
      set({ info: await call('app.info', {}), unreachable: undefined });
    } catch (error) {
      set({ unreachable: describeError(error) });
    }
  },
}));
