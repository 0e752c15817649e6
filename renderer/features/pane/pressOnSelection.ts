/**
 * A plain press on one of several selected rows may start dragging them all, so it selects that
 * row alone only when released without a drag (as file managers do).
 */
export function pressOnSelection(selectAlone: (name: string) => void) {
  let pending: string | null = null;
  return {
    pressed(name: string): void {
      pending = name;
      window.addEventListener(
        'mouseup',
        () => {
          if (pending === name) selectAlone(name);
          pending = null;
        },
        { once: true },
      );
    },
    /** A drag began: the selection stays as it is. */
    dragged(): void {
      pending = null;
    },
  };
}
