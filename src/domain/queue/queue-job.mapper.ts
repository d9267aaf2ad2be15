/** A queue row as the admin API lists it (api-admin.md §10, §15): the fields every kind shares. */
export interface ListedQueueRow {
  id: number;
  video_id: number | null;
  video_slug: string | null;
  video_title: string | null;
  priority: string | null;
  status: string | null;
  created_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  error_message: string | null;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function toQueueJobResponse(r: ListedQueueRow) {
  return {
    id: r.id,
    video_id: r.video_id,
    video_slug: r.video_slug,
    video_title: r.video_title,
    priority: r.priority ?? 'normal',
    status: r.status ?? 'pending',
    created_at: iso(r.created_at),
    started_at: iso(r.started_at),
    completed_at: iso(r.completed_at),
    error_message: r.error_message,
  };
}

/** One page of a job list: the mapped rows, how many on this page, how many in all. */
export function toJobPage<R, J>(page: { rows: R[]; total: number }, map: (row: R) => J) {
  return { jobs: page.rows.map(map), count: page.rows.length, total: page.total };
}
