/** Closes a popover on Escape and on a pointer press outside it (focus returns to the trigger on Escape). */
import { useEffect, type RefObject } from 'react';

export function useDismiss(open: boolean, containerRef: RefObject<HTMLElement | null>, onClose: (reason: 'escape' | 'outside') => void): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose('escape');
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (containerRef.current && e.target instanceof Node && !containerRef.current.contains(e.target)) onClose('outside');
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, [open, containerRef, onClose]);
}
