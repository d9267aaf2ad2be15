/**
 * Export (api-admin.md §5.1): a disclosure button with two download links, JSON and CSV, narrowed to the
 * status and category filters shown. The server answers `Content-Disposition: attachment`, so a plain link
 * downloads with the session cookie (a GET needs no CSRF token).
 *
 * Test hooks: `#videos-export` (aria-expanded), `#videos-export-json`, `#videos-export-csv`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../components/button.js';
import type { ExportFormat } from '../../shared/types.js';

export function exportUrl(format: ExportFormat, filters: { status: string; categoryId: string }): string {
  const q = new URLSearchParams({ format });
  if (filters.status) q.set('status', filters.status);
  if (filters.categoryId) q.set('category_id', filters.categoryId);
  return `/api/videos/export?${q.toString()}`;
}

export function ExportMenu({ status, categoryId }: { status: string; categoryId: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    if (!open) return;
    first.current?.focus();
    const outside = (ev: Event) => {
      if (!root.current?.contains(ev.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  const link = (format: ExportFormat, label: string) => (
    <a
      id={`videos-export-${format}`}
      ref={format === 'json' ? first : undefined}
      class="menu-item"
      href={exportUrl(format, { status, categoryId })}
      download
      onClick={() => setOpen(false)}
    >
      {label}
    </a>
  );
  return (
    <div
      class="export-menu"
      ref={root}
      onKeyDown={(ev) => {
        if (ev.key !== 'Escape' || !open) return;
        ev.stopPropagation();
        setOpen(false);
        root.current?.querySelector('button')?.focus();
      }}
    >
      <Button
        id="videos-export"
        size="sm"
        icon="upload"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="videos-export-options"
        onClick={() => setOpen(!open)}
      >
        <span>Export</span>
      </Button>
      <div id="videos-export-options" class="menu-popover" hidden={!open}>
        {link('json', 'JSON download')}
        {link('csv', 'CSV (spreadsheet)')}
      </div>
    </div>
  );
}
