/**
 * The drawn width of an element, followed with a ResizeObserver. The charts draw their SVG at the width
 * they are shown at, so labels stay at their CSS size on a phone and on a wide screen alike (a fixed
 * viewBox scaled to fit shrinks or blows up the text with it).
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => {
      const w = Math.round(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}
