/**
 * The file name encoding of an imported FTP site: FileZilla's Charset (EncodingType Auto,
 * UTF-8 or Custom with CustomEncoding) and WinSCP's "UTF-8 encoding for filenames" (Utf: 0 off,
 * 1 on, 2 auto — off means the Windows code page, which the file does not name).
 */
import { type NameEncoding, nameEncodingFromWords } from '../../../../shared/name-encodings';
import type { Protocol } from '../../../../shared/protocols';

export interface ImportedEncoding {
  nameEncoding: NameEncoding;
  note?: string;
}

const CHOOSE = "choose the server's file name encoding in the site's settings if names look wrong";

export function fileZillaEncoding(
  protocol: Protocol,
  type: string | undefined,
  custom: string | undefined,
): ImportedEncoding {
  if (protocol === 'sftp') return { nameEncoding: 'auto' };
  if (type === 'UTF-8') return { nameEncoding: 'utf-8' };
  if (type !== 'Custom') return { nameEncoding: 'auto' };
  const known = nameEncodingFromWords(custom ?? '');
  if (known) return { nameEncoding: known };
  return {
    nameEncoding: 'auto',
    note: `FileZilla used the file name encoding "${custom ?? ''}", which Ferry does not offer: Automatic is used; ${CHOOSE}.`,
  };
}

export function winScpEncoding(protocol: Protocol, utf: string | undefined): ImportedEncoding {
  if (protocol === 'sftp') return { nameEncoding: 'auto' };
  if (utf === '1') return { nameEncoding: 'utf-8' };
  if (utf !== '0') return { nameEncoding: 'auto' };
  return {
    nameEncoding: 'auto',
    note: `WinSCP did not use UTF-8 for file names here (it used Windows' own code page): ${CHOOSE} (e.g. Windows-1252).`,
  };
}
