/**
 * Run as its own process (two at once) by concurrent-writers.test.ts: adds `count` sites to the
 * sites file and saves `count` passwords in the master-password vault, one change at a time, as
 * fast as it can. Prints "ready" and waits for a line on stdin so both start together.
 * Usage: node --import tsx concurrent-writer.ts <dataDir> <tag> <count> <masterPassword>
 */
import { join } from 'node:path';
import { MasterPasswordSecretStore } from '../../secrets/master-password-store';
import { VAULT_FILE } from '../../secrets/secrets';
import { addSite } from '../site-ops';
import { SiteStore } from '../site-store';
import { sampleDraft } from './sample-site';

const [dataDir, tag, countText, masterPassword] = process.argv.slice(2);
if (!dataDir || !tag || !countText || !masterPassword) {
  throw new Error('usage: concurrent-writer.ts <dataDir> <tag> <count> <masterPassword>');
}
const count = Number(countText);
const store = new SiteStore(dataDir);
const vault = await MasterPasswordSecretStore.existing(join(dataDir, VAULT_FILE));
if (!vault) throw new Error('no vault');
await vault.unlock(masterPassword);

process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const flags = { hasPassword: true, hasPassphrase: false, passwordNotImported: false };
for (let i = 0; i < count; i++) {
  const id = `${tag}-${i}`;
  await store.update((doc) =>
    addSite(doc, sampleDraft({ name: `Site ${id}` }), id, flags, Date.now()),
  );
  await vault.set(`site:${id}:password`, `password of ${id}`);
}
process.exit(0);
