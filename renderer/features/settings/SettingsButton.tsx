import { Settings as Gear } from 'lucide-react';
import { useEffect, useState } from 'react';
import { SettingsDialog } from './SettingsDialog';
import { startSettings } from './startSettings';

/** The gear in the header: opens Settings. Mounting it loads and applies the settings. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  useEffect(() => startSettings(), []);
  return (
    <>
      <button
        type="button"
        className="icon-button settings-button"
        aria-label="Settings"
        title="Settings"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <Gear size={16} aria-hidden="true" />
      </button>
      {open && <SettingsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
