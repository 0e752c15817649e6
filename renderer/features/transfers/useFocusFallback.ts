import { useLayoutEffect, useRef, type FocusEvent } from 'react';

/**
 * Retry, Cancel or Clear move rows to another list or disable the button pressed, and the
 * keyboard would fall to the page body. While the focus was last inside the element these
 * handlers are spread on, a change of `watched` that leaves nothing usable focused sends it to
 * `fallback()` instead.
 */
export function useFocusFallback(watched: unknown, fallback: () => void) {
  const wasInside = useRef(false);
  const fallbackRef = useRef(fallback);
  useLayoutEffect(() => {
    fallbackRef.current = fallback;
  });

  useLayoutEffect(() => {
    if (wasInside.current && focusIsLost()) {
      wasInside.current = false;
      fallbackRef.current();
    }
  }, [watched]);

  return {
    onFocus: () => {
      wasInside.current = true;
    },
    // A blur towards another element is the user moving on; towards nothing may be a removal.
    onBlur: (event: FocusEvent) => {
      if (event.relatedTarget) wasInside.current = false;
    },
  };
}

/** Nothing has the focus, or a control that has just been disabled (the browser drops it soon). */
function focusIsLost(): boolean {
  const active = document.activeElement;
  if (!active || active === document.body || !active.isConnected) return true;
  return active instanceof HTMLButtonElement && active.disabled;
}
