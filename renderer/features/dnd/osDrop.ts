/**
 * Files and folders dropped from the operating system onto the remote pane. The desktop app
 * learns their real paths from the preload; a browser hides paths, so the browser edition
 * streams the files to its local server first (POST /upload) and uploads from there.
 */
import { ApiError } from '../../api';
import type { Bridge } from '../../transport/bridge';
import { setTransferNotice } from '../transfers/transfersStore';
import { uploadPaths } from './transferActions';

/** What the desktop preload adds to the bridge. */
type DesktopBridge = Bridge & { pathForFile?: (file: File) => string };

/** One dropped item, captured while the drop event lasts (DataTransfer empties after it). */
interface DroppedItem {
  entry: FileSystemEntry | null;
  file: File | null;
}

/** Must run inside the drop event handler, before any await. */
function captureDrop(data: DataTransfer): DroppedItem[] {
  const items = Array.from(data.items).filter((item) => item.kind === 'file');
  if (items.length === 0) return Array.from(data.files).map((file) => ({ entry: null, file }));
  return items.map((item) => ({ entry: item.webkitGetAsEntry(), file: item.getAsFile() }));
}

/** Uploads what was dropped from the OS into `remoteFolder` (default: the remote pane's folder). */
export function uploadOsDrop(data: DataTransfer, remoteFolder?: string): Promise<boolean> {
  const desktop = window.ferry as DesktopBridge | undefined;
  if (desktop?.pathForFile) {
    const paths = Array.from(data.files)
      .map((file) => desktop.pathForFile?.(file) ?? '')
      .filter((path) => path !== '');
    if (paths.length === 0) return Promise.resolve(noPaths());
    return uploadPaths(paths, remoteFolder);
  }
  const dropped = captureDrop(data);
  return stageAndUpload(dropped, remoteFolder);
}

function noPaths(): false {
  setTransferNotice({
    tone: 'error',
    message: 'Ferry could not tell where the dropped files are on this computer.',
    hint: 'Drop files from your file manager, or pick them in the local pane and press Upload.',
  });
  return false;
}

/** A file or an empty folder to stage, with its path inside the drop ("photos/2026/a.jpg"). */
type Staged = { kind: 'file'; path: string; file: File } | { kind: 'folder'; path: string };

async function stageAndUpload(dropped: DroppedItem[], remoteFolder?: string): Promise<boolean> {
  const batch = crypto.randomUUID();
  const tops: string[] = [];
  try {
    const work: Staged[] = [];
    for (const item of dropped) await collect(item, work);
    let done = 0;
    const files = work.filter((w) => w.kind === 'file').length;
    const progress = () =>
      setTransferNotice({
        tone: 'info',
        message: `Preparing dropped files: ${done.toLocaleString()} of ${files.toLocaleString()}…`,
      });
    progress();
    // Folders first (an empty one must exist too), then files, a few at a time.
    for (const item of work.filter((w) => w.kind === 'folder')) {
      addTop(tops, await stage(batch, item));
    }
    const queue = work.filter((w) => w.kind === 'file');
    await Promise.all(
      Array.from({ length: Math.min(3, queue.length) }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          addTop(tops, await stage(batch, item));
          done += 1;
          progress();
        }
      }),
    );
  } catch (error) {
    const info = error instanceof ApiError ? error : undefined;
    setTransferNotice({
      tone: 'error',
      message: info?.message ?? 'Ferry could not read the dropped files.',
      hint: info?.hint ?? 'Try again, or pick the files in the local pane and press Upload.',
    });
    return false;
  }
  setTransferNotice(null);
  return uploadPaths(tops, remoteFolder);
}

function addTop(tops: string[], top: string): void {
  if (!tops.includes(top)) tops.push(top);
}

async function collect(item: DroppedItem, into: Staged[]): Promise<void> {
  const { entry } = item;
  if (entry?.isDirectory) return walk(entry as FileSystemDirectoryEntry, entry.name, into);
  const file = entry?.isFile ? await fileOf(entry as FileSystemFileEntry) : item.file;
  if (file) into.push({ kind: 'file', path: file.name, file });
}

async function walk(dir: FileSystemDirectoryEntry, path: string, into: Staged[]): Promise<void> {
  into.push({ kind: 'folder', path });
  for (const child of await readAll(dir)) {
    const childPath = `${path}/${child.name}`;
    if (child.isDirectory) await walk(child as FileSystemDirectoryEntry, childPath, into);
    else if (child.isFile) {
      into.push({
        kind: 'file',
        path: childPath,
        file: await fileOf(child as FileSystemFileEntry),
      });
    }
  }
}

/** readEntries answers in chunks (100 in Chromium) until it answers an empty list. */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (chunk.length === 0) return all;
    all.push(...chunk);
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Streams one item to the local server; answers the staged path of its top-level item. */
async function stage(batch: string, item: Staged): Promise<string> {
  const query = new URLSearchParams({ batch, path: item.path, kind: item.kind });
  const response = await fetch(`/upload?${query.toString()}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sessionStorage.getItem('ferry.token') ?? ''}` },
    body: item.kind === 'file' ? item.file : '',
  });
  const answer = (await response.json().catch(() => ({}))) as {
    path?: string;
    error?: { message?: string; hint?: string };
  };
  if (response.ok && typeof answer.path === 'string') return answer.path;
  throw new ApiError({
    code: 'invalid_input',
    message: `“${item.path}” could not be prepared: ${answer.error?.message ?? response.statusText}`,
    ...(answer.error?.hint === undefined ? {} : { hint: answer.error.hint }),
  });
}
