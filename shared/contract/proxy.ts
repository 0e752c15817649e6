import { z } from 'zod';
import { PROXY_KINDS, type ProxyEndpoint } from '../proxy';
import { method } from './define';

/** The app's proxy as the page sees it: never its password, only whether one is saved. */
export interface ProxyChoice extends ProxyEndpoint {
  hasPassword: boolean;
}

const noSpaceOrControl = (text: string): boolean =>
  [...text].every((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) !== 0x7f);

/** A proxy's address and user name, as the Settings form and a site's form give them. */
export const proxyEndpointShape = z
  .object({
    kind: z.enum(PROXY_KINDS),
    host: z
      .string()
      .trim()
      .min(1, 'Enter the proxy host.')
      .max(255)
      .refine(noSpaceOrControl, 'A host name has no spaces.'),
    port: z.number().int().min(1).max(65535),
    user: z.string().min(1).max(255).optional(),
  })
  .strict();

export const proxyMethods = {
  /** The app's proxy (Settings): null = no proxy. */
  'proxy.get': method<{ proxy: ProxyChoice | null }>()(z.object({})),
  /**
   * Sets the app's proxy. `password`: a new one to save, null to forget it, absent to keep the
   * saved one (kept only while kind, host, port and user stay the same).
   */
  'proxy.set': method<{ proxy: ProxyChoice | null }>()(
    z
      .object({
        proxy: proxyEndpointShape.nullable(),
        password: z.string().max(1024).nullable().optional(),
      })
      .strict(),
  ),
};
