/**
 * How an FTP server writes file names (FileZilla's Site Manager → Charset): "auto" is UTF-8
 * when the server takes it (Ferry's behaviour before the setting existed), "utf-8" insists on
 * it, and the others are the legacy encodings older servers use. Labels are the WHATWG names
 * that TextDecoder knows; SFTP has no such setting (its names are UTF-8 by the protocol).
 */
export const LEGACY_NAME_ENCODINGS = [
  'windows-1252',
  'iso-8859-1',
  'iso-8859-2',
  'iso-8859-15',
  'windows-1250',
  'windows-1251',
  'koi8-r',
  'shift_jis',
  'euc-jp',
  'gbk',
  'big5',
  'euc-kr',
] as const;

export type LegacyNameEncoding = (typeof LEGACY_NAME_ENCODINGS)[number];
export const NAME_ENCODINGS = ['auto', 'utf-8', ...LEGACY_NAME_ENCODINGS] as const;
export type NameEncoding = (typeof NAME_ENCODINGS)[number];

const WORDS: Record<NameEncoding, string> = {
  auto: 'Automatic (UTF-8 if the server supports it)',
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Western European)',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
  'iso-8859-2': 'ISO-8859-2 (Central European)',
  'iso-8859-15': 'ISO-8859-15 (Latin-9)',
  'windows-1250': 'Windows-1250 (Central European)',
  'windows-1251': 'Windows-1251 (Cyrillic)',
  'koi8-r': 'KOI8-R (Cyrillic)',
  shift_jis: 'Shift_JIS (Japanese)',
  'euc-jp': 'EUC-JP (Japanese)',
  gbk: 'GBK (Simplified Chinese)',
  big5: 'Big5 (Traditional Chinese)',
  'euc-kr': 'EUC-KR (Korean)',
};

export function describeNameEncoding(encoding: NameEncoding): string {
  return WORDS[encoding];
}

/**
 * A name as typed on a command line or written by FileZilla (`--encoding cp1252`, `SHIFT_JIS`,
 * `ISO8859-1`, `latin1`…), or undefined. Case, dashes, underscores and spaces do not count.
 */
export function nameEncodingFromWords(text: string): NameEncoding | undefined {
  const key = squeeze(text);
  const found = NAME_ENCODINGS.find((name) => squeeze(name) === key);
  return found ?? ALIASES[key];
}

function squeeze(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, '');
}

const ALIASES: Record<string, NameEncoding> = {
  utf8: 'utf-8',
  cp1252: 'windows-1252',
  cp1250: 'windows-1250',
  cp1251: 'windows-1251',
  latin1: 'iso-8859-1',
  latin2: 'iso-8859-2',
  latin9: 'iso-8859-15',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  windows31j: 'shift_jis',
  gb2312: 'gbk',
  cp936: 'gbk',
  cp949: 'euc-kr',
  cp950: 'big5',
};
