/** A tiny INI reader for WinSCP.ini: `[section]`, `key=value`, `;`/`#` comments. */
export interface IniSection {
  name: string;
  values: Map<string, string>;
}

export function parseIni(text: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      current = { name: header[1] ?? '', values: new Map() };
      sections.push(current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && current) current.values.set(line.slice(0, eq).trim(), line.slice(eq + 1));
  }
  return sections;
}
