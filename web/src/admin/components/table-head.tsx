/** The <thead> of a data table: one `<th scope="col">` per column; a `hidden` label is for screen readers only. */

export interface Column {
  label: string;
  class?: string;
  hidden?: boolean;
  /** The column the rows are sorted by (aria-sort). */
  sorted?: 'ascending' | 'descending';
}

export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" class={c.class} aria-sort={c.sorted}>
            {c.hidden ? <span class="sr-only">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
