/** Placeholder rows while settings load (announced once as "Loading settings…"). */
export function SettingsSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <div class="settings-skeleton" role="status">
      <span class="sr-only">Loading settings…</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} class="setting-row" aria-hidden="true">
          <div class="setting-info">
            <div class="skeleton skeleton-title" />
            <div class="skeleton skeleton-line" />
          </div>
          <div class="setting-control">
            <div class="skeleton skeleton-pill" />
          </div>
        </div>
      ))}
    </div>
  );
}
