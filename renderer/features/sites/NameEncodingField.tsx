import {
  NAME_ENCODINGS,
  type NameEncoding,
  describeNameEncoding,
} from '../../../shared/name-encodings';
import { Field } from './Field';

/**
 * FileZilla's Site Manager → Charset, for FTP and FTPS: how the server writes file names. SFTP
 * has no such choice (its names are UTF-8 by the protocol), so the form leaves it out there.
 */
export function NameEncodingField({
  value,
  onChange,
}: {
  value: NameEncoding;
  onChange(value: NameEncoding): void;
}) {
  return (
    <Field
      label="File name encoding"
      hint="How the server writes file names. Older servers (Windows IIS, some European or Japanese hosts) use another encoding than UTF-8: if names show “�”, choose the server’s here."
    >
      {(id, d) => (
        <select
          id={id}
          aria-describedby={d}
          value={value}
          onChange={(e) => onChange(e.target.value as NameEncoding)}
        >
          {NAME_ENCODINGS.map((encoding) => (
            <option key={encoding} value={encoding}>
              {describeNameEncoding(encoding)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
