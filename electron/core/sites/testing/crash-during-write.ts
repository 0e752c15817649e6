/**
 * Run as its own process by site-store.test.ts: starts saving a new site and dies (SIGKILL, no
 * clean-up of any kind) after the new file is written and fsynced but before the rename.
 * Usage: node --import tsx crash-during-write.ts <dataDir>
 */
import { SiteStore } from '../site-store';
import { addSite } from '../site-ops';
import { sampleDraft } from './sample-site';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-during-write.ts <dataDir>');
const store = new SiteStore(dataDir, {
  beforeRename: () => {
    process.kill(process.pid, 'SIGKILL');
  },
});
await store.update((doc) =>
  addSite(
    doc,
    sampleDraft({ name: 'Never saved' }),
    'crash-site',
    {
      hasPassword: false,
      hasPassphrase: false,
      passwordNotImported: false,
    },
    Date.now(),
  ),
);
