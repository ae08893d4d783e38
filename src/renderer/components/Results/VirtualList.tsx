/**
 * A small windowing list: only the rows in (and near) the viewport are in the
 * DOM. Rows start at an estimated height and are measured once rendered
 * (ResizeObserver), so variable heights scroll without jumps. The scroll
 * container itself is the focusable element, so it can carry listbox semantics.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { prefixOffsets, scrollToReveal, visibleRange } from '../../lib/virtual-layout.js';

export interface VirtualListHandle {
  reveal: (index: number) => void;
  focus: () => void;
  scrollToTop: () => void;
}

export interface VirtualListProps<T> extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  items: readonly T[];
  itemKey: (item: T) => string;
  estimateHeight: (item: T) => number;
  renderItem: (item: T, index: number) => ReactNode;
  /** Called when the window gets within `endThreshold` rows of the end. */
  onEndReached?: () => void;
  endThreshold?: number;
  overscan?: number;
  footer?: ReactNode;
}

function VirtualListInner<T>(
  { items, itemKey, estimateHeight, renderItem, onEndReached, endThreshold = 8, overscan = 6, footer, className, ...rest }: VirtualListProps<T>,
  handle: React.ForwardedRef<VirtualListHandle>,
) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const measured = useRef(new Map<string, number>());
  const [measureVersion, setMeasureVersion] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  const keys = useMemo(() => items.map(itemKey), [items, itemKey]);
  const offsets = useMemo(
    () => prefixOffsets(items.map((item, i) => measured.current.get(keys[i]!) ?? estimateHeight(item))),
    // measureVersion invalidates the memo when a row's measured height changes.
    [items, keys, estimateHeight, measureVersion],
  );

  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            let changed = false;
            for (const entry of entries) {
              const key = (entry.target as HTMLElement).dataset.vkey;
              if (key === undefined) continue;
              const h = Math.round(entry.borderBoxSize[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight);
              if (h > 0 && measured.current.get(key) !== h) {
                measured.current.set(key, h);
                changed = true;
              }
            }
            if (changed) setMeasureVersion((v) => v + 1);
          }),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => setViewport(el.clientHeight);
    update();
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);

  const range = visibleRange(offsets, scrollTop, viewport, overscan);
  const total = offsets[offsets.length - 1] ?? 0;

  useEffect(() => {
    if (onEndReached && range && range[1] >= items.length - 1 - endThreshold) onEndReached();
  }, [onEndReached, range, items.length, endThreshold]);

  const reveal = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const next = scrollToReveal(offsets, index, el.scrollTop, el.clientHeight);
      if (next !== el.scrollTop) {
        el.scrollTop = next;
        setScrollTop(next);
      }
    },
    [offsets],
  );
  useImperativeHandle(
    handle,
    () => ({
      reveal,
      focus: () => scrollRef.current?.focus(),
      scrollToTop: () => {
        if (scrollRef.current) scrollRef.current.scrollTop = 0;
        setScrollTop(0);
      },
    }),
    [reveal],
  );

  const rows: ReactNode[] = [];
  if (range) {
    for (let i = range[0]; i <= range[1]; i++) {
      const item = items[i]!;
      const key = keys[i]!;
      rows.push(
        <div
          key={key}
          data-vkey={key}
          className="vlist-row"
          style={{ transform: `translateY(${offsets[i]}px)` }}
          ref={(el) => {
            if (!el || !observer) return;
            observer.observe(el);
            return () => observer.unobserve(el);
          }}
        >
          {renderItem(item, i)}
        </div>,
      );
    }
  }

  return (
    <div ref={scrollRef} className={`vlist ${className ?? ''}`} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} {...rest}>
      <div className="vlist-inner" style={{ height: total }}>
        {rows}
      </div>
      {footer}
    </div>
  );
}

export const VirtualList = forwardRef(VirtualListInner) as <T>(
  props: VirtualListProps<T> & { ref?: React.Ref<VirtualListHandle> },
) => ReturnType<typeof VirtualListInner>;
