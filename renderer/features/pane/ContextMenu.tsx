import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import './context-menu.css';

export interface MenuItem {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  /** Makes it a checkbox item (menuitemcheckbox) showing this state. */
  checked?: boolean;
  shortcut?: string;
  separatorBefore?: boolean;
}

interface ContextMenuProps {
  label: string;
  at: { x: number; y: number };
  items: MenuItem[];
  onClose(): void;
  /** Where the keyboard goes once the menu is gone, unless an item moved it elsewhere. */
  returnFocus(): void;
}

/** A context menu with the menu keyboard pattern: arrows, Home/End, Enter, Escape, Tab. */
export function ContextMenu({ label, at, items, onClose, returnFocus }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState(at);

  // Keep the menu inside the window, then put the keyboard on its first item.
  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const { width, height } = menu.getBoundingClientRect();
    setPosition({
      x: Math.max(0, Math.min(at.x, window.innerWidth - width - 4)),
      y: Math.max(0, Math.min(at.y, window.innerHeight - height - 4)),
    });
    menu.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [at]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    const onBlur = () => onClose();
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [onClose]);

  function onKeyDown(event: KeyboardEvent) {
    const enabled = [
      ...(ref.current?.querySelectorAll<HTMLElement>(
        '[role^="menuitem"]:not([aria-disabled="true"])',
      ) ?? []),
    ];
    const at = enabled.indexOf(document.activeElement as HTMLElement);
    const focus = (index: number) => enabled[(index + enabled.length) % enabled.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => focus(at + 1),
      ArrowUp: () => focus(at - 1),
      Home: () => focus(0),
      End: () => focus(enabled.length - 1),
      Escape: () => {
        onClose();
        returnFocus();
      },
      Tab: () => {
        onClose();
        returnFocus();
      },
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      event.stopPropagation();
      action();
    }
  }

  function choose(item: MenuItem) {
    if (item.disabled) return;
    onClose();
    returnFocus();
    item.onSelect();
  }

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="pane-menu"
      style={{ left: position.x, top: position.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {items.map((item) => [
        item.separatorBefore && (
          <div key={`${item.label}-separator`} role="separator" className="pane-menu-separator" />
        ),
        <button
          key={item.label}
          type="button"
          role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
          aria-checked={item.checked}
          aria-disabled={item.disabled || undefined}
          aria-keyshortcuts={item.shortcut}
          tabIndex={-1}
          className="pane-menu-item"
          onClick={() => choose(item)}
        >
          <span className="pane-menu-check" aria-hidden="true">
            {item.checked ? '✓' : ''}
          </span>
          <span className="pane-menu-label">{item.label}</span>
          {item.shortcut && (
            <span className="pane-menu-shortcut" aria-hidden="true">
              {item.shortcut}
            </span>
          )}
        </button>,
      ])}
    </div>
  );
}
