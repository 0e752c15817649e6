/**
 * Version 1 was Ferry's first sites file: each site carried its folder as a path string
 * ("Clients/Acme"), always an explicit port, and `askPassword` instead of an `ask` login.
 * Version 2 has folder records (so empty folders exist and renames touch one record), a port
 * that is null while it is the protocol's preset, and the newer per-site settings.
 */
import { z } from 'zod';
import { SITE_AUTH } from '../../../shared/contract/sites';
import { defaultPort, PROTOCOLS } from '../../../shared/protocols';

const siteV1 = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  folder: z.string(),
  protocol: z.enum(PROTOCOLS),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  user: z.string(),
  auth: z.enum(['password', 'key', 'agent']),
  askPassword: z.boolean(),
  keyFile: z.string().optional(),
  remoteDir: z.string().optional(),
  localDir: z.string().optional(),
  hasPassword: z.boolean(),
  notes: z.string().optional(),
});

const documentV1 = z.object({ version: z.literal(1), sites: z.array(siteV1) });

export function migrateV1(data: unknown): unknown {
  const v1 = documentV1.parse(data);
  const folders: { id: string; name: string; parentId: string | null }[] = [];
  const folderIdFor = (path: string): string | null => {
    let parentId: string | null = null;
    for (const name of path.split('/').filter((part) => part.trim() !== '')) {
      let folder = folders.find((f) => f.parentId === parentId && f.name === name);
      if (!folder) {
        folder = { id: `v1-folder-${folders.length + 1}`, name, parentId };
        folders.push(folder);
      }
      parentId = folder.id;
    }
    return parentId;
  };
  const now = Date.now();
  const sites = v1.sites.map((site) => {
    const auth: (typeof SITE_AUTH)[number] =
      site.auth === 'password' && site.askPassword ? 'ask' : site.auth;
    return {
      id: site.id,
      name: site.name,
      folderId: folderIdFor(site.folder),
      protocol: site.protocol,
      host: site.host,
      port: site.port === defaultPort(site.protocol) ? null : site.port,
      user: site.user,
      auth,
      keyFile: site.keyFile ?? '',
      localDir: site.localDir ?? '',
      remoteDir: site.remoteDir ?? '',
      passive: true,
      minTlsVersion: 'TLSv1.2',
      transferConcurrency: null,
      colour: null,
      notes: site.notes ?? '',
      hasPassword: site.hasPassword && auth === 'password',
      hasPassphrase: false,
      passwordNotImported: false,
      revision: 1,
      createdAt: now,
      updatedAt: now,
    };
  });
  return { version: 2, folders, sites, recent: [] };
}
