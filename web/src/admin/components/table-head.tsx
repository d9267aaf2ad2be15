/** The <thead> of a data table: one `<th scope="col">` per column; a `hidden` label is for screen readers only. */

export interface Column {
  label: string;
  class?: string;
  hidden?: boolean;
}

export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" class={c.class}>
            {c.hidden ? <span class="sr-only">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
