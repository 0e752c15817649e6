import { describe, expect, it } from 'vitest';
import { guessFormat } from './ImportDialog';

describe('which kind of sites file the user picked', () => {
  it.each([
    ['ferry-sites-2026-11-27.json', '{"format":"ferry-sites"}', 'ferry'],
    ['renamed.txt', '  \n{"format":"ferry-sites"}', 'ferry'],
    ['sites.json', 'not json at all', 'ferry'],
    ['sitemanager.xml', '<?xml version="1.0"?><FileZilla3/>', 'filezilla'],
    ['WinSCP.ini', '[Sessions\\me@host]', 'winscp'],
    ['WinSCP.INI', '{"looks":"like json"}', 'winscp'],
    ['export', '[Sessions\\a]', 'winscp'],
  ] as const)('%s', (name, content, format) => {
    expect(guessFormat(name, content)).toBe(format);
  });
});
