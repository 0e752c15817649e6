/**
 * Run as its own process by master-password-change.test.ts: unlocks the vault and starts changing
 * the master password, then dies (SIGKILL, no clean-up) once the re-encrypted vault is written
 * and fsynced under a temporary name but before it replaces the old one.
 * Usage: node --import tsx crash-during-change.ts <vaultFile> <current> <next>
 */
import { MasterPasswordSecretStore } from '../master-password-store';

const [vaultFile, current, next] = process.argv.slice(2);
if (!vaultFile || !current || !next) {
  throw new Error('usage: crash-during-change.ts <vaultFile> <current> <next>');
}
const vault = await MasterPasswordSecretStore.existing(vaultFile, {
  beforeRename: () => {
    process.kill(process.pid, 'SIGKILL');
  },
});
if (!vault) throw new Error('no vault');
await vault.changePassword(current, next);
