/**
 * What a drag between the panes carries. The side is in the type itself because during a drag
 * a page may read only the types, not the data: the other pane decides from them whether it
 * takes the drop. (Chromium lower-cases custom types.)
 */
export const LOCAL_PATHS = 'application/x-ferry-local-paths';
export const REMOTE_PATHS = 'application/x-ferry-remote-paths';
/** What the OS puts in `types` when files or folders are dragged in from outside. */
export const OS_FILES = 'Files';

export interface RemoteDrag {
  sessionId: string;
  paths: string[];
}

// 'copyMove': the other pane copies (a transfer), a folder of the same pane moves.
export function startLocalDrag(data: DataTransfer, paths: string[]): void {
  data.setData(LOCAL_PATHS, JSON.stringify(paths));
  data.effectAllowed = 'copyMove';
}

export function startRemoteDrag(data: DataTransfer, drag: RemoteDrag): void {
  data.setData(REMOTE_PATHS, JSON.stringify(drag));
  data.effectAllowed = 'copyMove';
}

export function carries(data: DataTransfer, type: string): boolean {
  return Array.from(data.types).includes(type);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isPathList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((p) => typeof p === 'string' && p !== '');

export function readLocalDrag(data: DataTransfer): string[] {
  const value = parse(data.getData(LOCAL_PATHS));
  return isPathList(value) ? value : [];
}

export function readRemoteDrag(data: DataTransfer): RemoteDrag | undefined {
  const value = parse(data.getData(REMOTE_PATHS)) as Partial<RemoteDrag> | undefined;
  if (typeof value?.sessionId !== 'string' || !isPathList(value.paths)) return undefined;
  return { sessionId: value.sessionId, paths: value.paths };
}
