/** "Copy path" and "Copy URL": what goes to the clipboard, one item a line. */
import { PROTOCOL_INFO } from '../../../shared/protocols';
import type { SessionInfo } from '../../../shared/types';

/**
 * An item's address as FileZilla and WinSCP write it: scheme://user@host:port/path, with the
 * user and each path segment %-encoded so the address reads back as the same item. A session
 * holds no password, so none can appear here.
 */
export function remoteUrl(
  session: Pick<SessionInfo, 'protocol' | 'host' | 'port' | 'user'>,
  path: string,
): string {
  const { scheme } = PROTOCOL_INFO[session.protocol];
  const host = session.host.includes(':') ? `[${session.host}]` : session.host;
  const user = session.user === '' ? '' : `${encodeURIComponent(session.user)}@`;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `${scheme}://${user}${host}:${session.port}${encoded.startsWith('/') ? '' : '/'}${encoded}`;
}

interface ClipboardLike {
  writeText(text: string): Promise<void>;
}

/** The page's clipboard (absent on pages that are not secure); typed here for the Node tests. */
function clipboard(): ClipboardLike | undefined {
  return (globalThis as { navigator?: { clipboard?: ClipboardLike } }).navigator?.clipboard;
}

/** Puts `lines` on the clipboard, one a line (the browser asks nothing of a click's copy). */
export async function copyLines(lines: readonly string[]): Promise<void> {
  const board = clipboard();
  if (!board) {
    throw {
      code: 'not_supported',
      message: 'This browser does not let Ferry use the clipboard.',
      hint: 'Open Ferry at its 127.0.0.1 address (a secure page), or copy the path from the path bar.',
    };
  }
  try {
    await board.writeText(lines.join('\n'));
  } catch {
    throw {
      code: 'permission_denied',
      message: 'The browser did not let Ferry write to the clipboard.',
      hint: 'Allow clipboard access for this page in the browser’s site settings, then try again.',
    };
  }
}
