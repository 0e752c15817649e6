import { create } from 'zustand';
import type { SiteDraft, SiteProfile, SitesSnapshot } from '../../../shared/contract/sites';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError, on } from '../../api';

export type Selection = { kind: 'site' | 'folder'; id: string };

/** A site written in the form but not saved yet (e.g. "Save as site…" from quick connect). */
export interface NewSite {
  draft: SiteDraft;
  password?: string;
  /** The connection tab it was made from: once saved, the tab belongs to the site. */
  linkTab?: string;
}

interface SitesState {
  open: boolean;
  snapshot?: SitesSnapshot;
  loadError?: ErrorInfo;
  selected?: Selection;
  newSite?: NewSite;
  /** Folders the user closed in the tree. */
  collapsed: ReadonlySet<string>;
  query: string;
  /** The form has unsaved changes: switching away asks first. */
  formDirty: boolean;
  /** Where the user wanted to go while the form had unsaved changes. */
  pendingSwitch?: { selected?: Selection; newSite?: NewSite; close?: boolean };

  openManager(): void;
  /** Opens the manager with a new site already filled in. */
  openWithNewSite(site: NewSite): void;
  close(): void;
  /** Closes, asking first when the form has unsaved changes. */
  requestClose(): void;
  load(): Promise<void>;
  /** Puts a site just saved in the list as the core returned it (the reload follows). */
  savedSite(site: SiteProfile): void;
  select(selection: Selection | undefined): void;
  startNewSite(site: NewSite): void;
  confirmSwitch(discard: boolean): void;
  setFormDirty(dirty: boolean): void;
  toggleFolder(folderId: string): void;
  setQuery(query: string): void;
}

export const useSites = create<SitesState>((set, get) => {
  /** Goes to another site/folder/new site, asking first when the form has unsaved changes. */
  const switchTo = (target: { selected?: Selection; newSite?: NewSite }) => {
    if (get().formDirty) set({ pendingSwitch: target });
    else set({ selected: target.selected, newSite: target.newSite, pendingSwitch: undefined });
  };
  return {
    open: false,
    collapsed: new Set(),
    query: '',
    formDirty: false,
    openManager: () => {
      set({ open: true });
      void get().load();
    },
    openWithNewSite: (site) => {
      set({ open: true, selected: undefined, newSite: site, formDirty: false });
      void get().load();
    },
    close: () =>
      set({ open: false, newSite: undefined, formDirty: false, pendingSwitch: undefined }),
    requestClose: () => (get().formDirty ? set({ pendingSwitch: { close: true } }) : get().close()),
    load: async () => {
      try {
        const snapshot = await call('sites.list', {});
        const selected = get().selected;
        const stillThere =
          selected === undefined ||
          (selected.kind === 'site'
            ? snapshot.sites.some((s) => s.id === selected.id)
            : snapshot.folders.some((f) => f.id === selected.id));
        set({ snapshot, loadError: undefined, ...(stillThere ? {} : { selected: undefined }) });
      } catch (error) {
        set({ loadError: describeError(error) });
      }
    },
    savedSite: (site) =>
      set((s) => {
        if (!s.snapshot) return {};
        const known = s.snapshot.sites.some((x) => x.id === site.id);
        const sites = known
          ? s.snapshot.sites.map((x) => (x.id === site.id ? site : x))
          : [...s.snapshot.sites, site];
        return { snapshot: { ...s.snapshot, sites } };
      }),
    select: (selected) => {
      const current = get().selected;
      if (current?.kind === selected?.kind && current?.id === selected?.id && !get().newSite)
        return;
      switchTo({ selected });
    },
    startNewSite: (newSite) => switchTo({ newSite }),
    confirmSwitch: (discard) => {
      const target = get().pendingSwitch;
      if (!target) return;
      if (discard && target.close) get().close();
      else if (discard) {
        set({
          selected: target.selected,
          newSite: target.newSite,
          formDirty: false,
          pendingSwitch: undefined,
        });
      } else set({ pendingSwitch: undefined });
    },
    setFormDirty: (formDirty) => set({ formDirty }),
    toggleFolder: (folderId) =>
      set((s) => {
        const collapsed = new Set(s.collapsed);
        if (!collapsed.delete(folderId)) collapsed.add(folderId);
        return { collapsed };
      }),
    setQuery: (query) => set({ query }),
  };
});

let watching = false;
/** Reloads the list when sites change in another window or tab; once per page. */
export function watchSitesEvents(): void {
  if (watching) return;
  watching = true;
  on('sites.changed', () => {
    if (useSites.getState().snapshot) void useSites.getState().load();
  });
}
