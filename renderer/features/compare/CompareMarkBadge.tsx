import {
  ChevronsDown,
  ChevronsUp,
  CirclePlus,
  Equal,
  EqualNot,
  Shapes,
  type LucideIcon,
} from 'lucide-react';
import type { CompareMark } from './compareFolders';
import './compare.css';

/** Each mark's icon, its word in a row, and what it means (the legend and the row's tooltip). */
export const MARKS: Record<CompareMark, { icon: LucideIcon; word: string; meaning: string }> = {
  'only-here': { icon: CirclePlus, word: 'only here', meaning: 'not on the other side' },
  size: { icon: EqualNot, word: 'other size', meaning: 'a different size on the other side' },
  newer: { icon: ChevronsUp, word: 'newer', meaning: 'changed later than the other side’s' },
  older: { icon: ChevronsDown, word: 'older', meaning: 'changed before the other side’s' },
  same: { icon: Equal, word: 'same', meaning: 'same size and time' },
  kind: {
    icon: Shapes,
    word: 'file vs folder',
    meaning: 'a file on one side, a folder on the other',
  },
};

/**
 * The mark in a row: an icon and a word, so it reads without colour (and in forced colours).
 * Where the name column is narrow only the icon shows (compare.css); the word is still read out.
 */
export function CompareMarkBadge({ mark }: { mark: CompareMark }) {
  const { icon: Icon, word, meaning } = MARKS[mark];
  return (
    <span className={`compare-mark mark-${mark}`} title={`Compared: ${meaning}`}>
      <Icon size={13} aria-hidden="true" />
      <span className="compare-mark-word">{word}</span>
    </span>
  );
}
