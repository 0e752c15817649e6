/**
 * Path arithmetic for panes, in the renderer (no Node `path` here). Remote paths are always POSIX;
 * local paths are POSIX, or Windows ("C:\Users\me", "\\server\share\dir") on Windows.
 */

export type PathStyle = 'posix' | 'windows';

export function pathStyleOf(path: string): PathStyle {
  return /^[A-Za-z]:([\\/]|$)/.test(path) || path.startsWith('\\\\') ? 'windows' : 'posix';
}

interface Parts {
  /** "/", "C:\", or "\\server\share\". */
  root: string;
  segments: string[];
  style: PathStyle;
}

function split(path: string): Parts {
  const style = pathStyleOf(path);
  if (style === 'posix') {
    return { root: '/', segments: path.split('/').filter((s) => s !== ''), style };
  }
  const parts = path.split(/[\\/]+/).filter((s) => s !== '');
  if (path.startsWith('\\\\')) {
    const [server = '', share = '', ...rest] = parts;
    return { root: `\\\\${server}\\${share}\\`, segments: rest, style };
  }
  const [drive = '', ...rest] = parts;
  return { root: `${drive.toUpperCase()}\\`, segments: rest, style };
}

function build({ root, segments, style }: Parts): string {
  return root + segments.join(style === 'posix' ? '/' : '\\');
}

/** Joins a folder and a single name. */
export function joinPath(folder: string, name: string): string {
  const parts = split(folder);
  return build({ ...parts, segments: [...parts.segments, name] });
}

/** The folder above `path`, or null at the top. */
export function parentPath(path: string): string | null {
  const parts = split(path);
  if (parts.segments.length === 0) return null;
  return build({ ...parts, segments: parts.segments.slice(0, -1) });
}

export interface Crumb {
  label: string;
  path: string;
}

/** Each step from the top down to `path`, for clickable breadcrumbs. */
export function breadcrumbs(path: string): Crumb[] {
  const parts = split(path);
  const crumbs: Crumb[] = [{ label: parts.root, path: parts.root }];
  parts.segments.forEach((segment, i) => {
    crumbs.push({
      label: segment,
      path: build({ ...parts, segments: parts.segments.slice(0, i + 1) }),
    });
  });
  return crumbs;
}

/**
 * What the user typed in the path bar, made absolute where we can: "~" and "~/x" mean home.
 * Anything else is passed on as typed; the source decides whether it is valid.
 */
export function expandTyped(typed: string, home: string | null): string {
  const text = typed.trim();
  if (home !== null && (text === '~' || text.startsWith('~/') || text.startsWith('~\\'))) {
    return text === '~' ? home : joinPath(home, text.slice(2));
  }
  return text;
}
