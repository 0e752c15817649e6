import { useId } from 'react';
import type { FormField, SearchForm, SizeUnit } from './searchForm';
import { SIZE_UNITS } from './searchForm';

interface Props {
  form: SearchForm;
  invalid: { field: FormField; message: string } | undefined;
  onChange(patch: Partial<SearchForm>): void;
}

/**
 * What to look for and where: name, how to match it, size, date, folder and depth. Never
 * disabled while a search runs: the field being typed in would lose the
 * keyboard. Enter in any field searches again with what the form says.
 */
export function SearchFormFields({ form, invalid, onChange }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const invalidProps = (field: FormField) =>
    invalid?.field === field ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};

  return (
    <fieldset className="search-fields">
      <legend className="visually-hidden">What to look for</legend>
      <div className="search-row">
        <label className="search-name">
          {form.nameMode === 'contains' ? 'Name contains' : 'Name matches'}
          <input
            type="search"
            value={form.name}
            data-autofocus
            placeholder={form.nameMode === 'contains' ? 'part of a name' : '*.jpg; *.png'}
            onChange={(e) => onChange({ name: e.target.value })}
          />
        </label>
        <div role="radiogroup" aria-label="How the name matches" className="search-inline">
          <label>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={form.nameMode === 'contains'}
              onChange={() => onChange({ nameMode: 'contains' })}
            />
            Contains the text
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={form.nameMode === 'pattern'}
              onChange={() => onChange({ nameMode: 'pattern' })}
            />
            Pattern (* any, ? one character)
          </label>
        </div>
      </div>
      <div className="search-row search-inline">
        <label>
          <input
            type="checkbox"
            checked={form.matchCase}
            onChange={(e) => onChange({ matchCase: e.target.checked })}
          />
          Match case
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.includeFolders}
            onChange={(e) => onChange({ includeFolders: e.target.checked })}
          />
          Find folders too
        </label>
      </div>
      <div className="search-row search-inline">
        <SizeField
          label="Larger than"
          value={form.largerThan}
          unit={form.largerUnit}
          invalid={invalidProps('largerThan')}
          onChange={(largerThan, largerUnit) => onChange({ largerThan, largerUnit })}
        />
        <SizeField
          label="Smaller than"
          value={form.smallerThan}
          unit={form.smallerUnit}
          invalid={invalidProps('smallerThan')}
          onChange={(smallerThan, smallerUnit) => onChange({ smallerThan, smallerUnit })}
        />
      </div>
      <div className="search-row search-inline">
        <label>
          Modified on or after
          <input
            type="date"
            value={form.modifiedFrom}
            onChange={(e) => onChange({ modifiedFrom: e.target.value })}
          />
        </label>
        <label>
          Modified before
          <input
            type="date"
            value={form.modifiedBefore}
            {...invalidProps('modifiedBefore')}
            onChange={(e) => onChange({ modifiedBefore: e.target.value })}
          />
        </label>
      </div>
      <div className="search-row search-inline">
        <label className="search-root">
          Search in
          <input
            value={form.root}
            spellCheck={false}
            {...invalidProps('root')}
            onChange={(e) => onChange({ root: e.target.value })}
          />
        </label>
        <label>
          Levels of subfolders
          <input
            className="search-depth"
            inputMode="numeric"
            value={form.depth}
            size={4}
            {...invalidProps('depth')}
            onChange={(e) => onChange({ depth: e.target.value })}
          />
        </label>
      </div>
      {invalid && (
        <p id={errorId} className="search-invalid" role="alert">
          {invalid.message}
        </p>
      )}
    </fieldset>
  );
}

function SizeField(props: {
  label: string;
  value: string;
  unit: SizeUnit;
  invalid: object;
  onChange(value: string, unit: SizeUnit): void;
}) {
  return (
    <span className="search-size">
      <label>
        {props.label}
        <input
          inputMode="decimal"
          size={7}
          value={props.value}
          {...props.invalid}
          onChange={(e) => props.onChange(e.target.value, props.unit)}
        />
      </label>
      <select
        aria-label={`${props.label}: unit`}
        value={props.unit}
        onChange={(e) => props.onChange(props.value, e.target.value as SizeUnit)}
      >
        {Object.keys(SIZE_UNITS).map((unit) => (
          <option key={unit} value={unit}>
            {unit}
          </option>
        ))}
      </select>
    </span>
  );
}
