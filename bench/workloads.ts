/** What the benchmark moves: the three workloads of issue 7, in full and in --quick size. */
import { seededInts, type FileSpec } from './data';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The three table workloads, plus the files of the memory measurement. */
export type WorkloadId = 'large' | 'small' | 'mixed' | 'memory' | 'tiny';

export interface Workload {
  id: WorkloadId;
  /** Shown in the table. */
  title: string;
  /** A single file (transferred as a file) or a folder tree (transferred recursively). */
  shape: 'file' | 'tree';
  /** The unit the table reports: MiB/s for bulk, files/s for many small files. */
  unit: 'MiB/s' | 'files/s';
  files: FileSpec[];
  totalBytes: number;
}

export interface Sizes {
  largeBytes: number;
  smallFolders: number;
  smallPerFolder: number;
  smallBytes: number;
  mixedLarge: number[];
  mixedMedium: number;
  mixedSmall: number;
  listingEntries: number;
  memoryBytes: number;
}

export const FULL_SIZES: Sizes = {
  largeBytes: 256 * MiB,
  smallFolders: 10,
  smallPerFolder: 100,
  smallBytes: 8 * KiB,
  mixedLarge: [16 * MiB, 12 * MiB, 8 * MiB, 6 * MiB],
  mixedMedium: 20,
  mixedSmall: 300,
  listingEntries: 10_000,
  memoryBytes: 1024 * MiB,
};

export const QUICK_SIZES: Sizes = {
  largeBytes: 32 * MiB,
  smallFolders: 10,
  smallPerFolder: 10,
  smallBytes: 8 * KiB,
  mixedLarge: [2 * MiB, 1 * MiB],
  mixedMedium: 5,
  mixedSmall: 40,
  listingEntries: 1_000,
  memoryBytes: 128 * MiB,
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function smallTree(sizes: Sizes): FileSpec[] {
  const files: FileSpec[] = [];
  for (let d = 0; d < sizes.smallFolders; d++) {
    for (let f = 0; f < sizes.smallPerFolder; f++) {
      files.push({ path: `d${pad(d, 2)}/f${pad(f, 4)}.bin`, size: sizes.smallBytes });
    }
  }
  return files;
}

/** A few large files, some medium ones, many small ones (three of them empty) in nested folders. */
function mixedTree(sizes: Sizes): FileSpec[] {
  const next = seededInts('mixed-tree');
  const folders = ['', 'docs', 'docs/drafts', 'media', 'media/raw/2026', 'src/lib/util', 'src/app'];
  const folder = (i: number): string => folders[i % folders.length] as string;
  const at = (dir: string, name: string): string => (dir === '' ? name : `${dir}/${name}`);
  const files: FileSpec[] = sizes.mixedLarge.map((size, i) => ({
    path: at(folder(i * 2), `large-${i}.bin`),
    size,
  }));
  for (let i = 0; i < sizes.mixedMedium; i++) {
    files.push({
      path: at(folder(i + 1), `medium-${pad(i, 3)}.dat`),
      size: 100 * KiB + (next() % (300 * KiB)),
    });
  }
  for (let i = 0; i < sizes.mixedSmall; i++) {
    const size = i < 3 ? 0 : next() % (16 * KiB);
    files.push({ path: at(folder(i), `small-${pad(i, 4)}.txt`), size });
  }
  return files;
}

const total = (files: FileSpec[]): number => files.reduce((sum, f) => sum + f.size, 0);

export function workloads(sizes: Sizes): Workload[] {
  const large: FileSpec[] = [{ path: 'large.bin', size: sizes.largeBytes }];
  const small = smallTree(sizes);
  const mixed = mixedTree(sizes);
  const mib = (bytes: number): string => `${Math.round(bytes / MiB)} MiB`;
  return [
    {
      id: 'large',
      title: `one ${mib(sizes.largeBytes)} file`,
      shape: 'file',
      unit: 'MiB/s',
      files: large,
      totalBytes: total(large),
    },
    {
      id: 'small',
      title: `${small.length.toLocaleString('en')} × ${sizes.smallBytes / KiB} KiB in ${sizes.smallFolders} folders`,
      shape: 'tree',
      unit: 'files/s',
      files: small,
      totalBytes: total(small),
    },
    {
      id: 'mixed',
      title: `mixed tree, ${mixed.length} files, ${mib(total(mixed))}`,
      shape: 'tree',
      unit: 'MiB/s',
      files: mixed,
      totalBytes: total(mixed),
    },
  ];
}

/** One file of `size` bytes named `<id>.bin`: the fixed-cost and memory measurements. */
export function singleFile(id: 'memory' | 'tiny', size: number): Workload {
  return {
    id,
    title: `${id}.bin`,
    shape: 'file',
    unit: 'MiB/s',
    files: [{ path: `${id}.bin`, size }],
    totalBytes: size,
  };
}
