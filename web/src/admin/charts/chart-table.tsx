/**
 * The numbers of a chart as a visually hidden table: the SVG is one `role="img"` with a summary, so screen
 * readers get every value here instead (and tests read them).
 */
export function ChartTable(props: {
  caption: string;
  heads: [string, string];
  rows: Array<[string, string]>;
}) {
  return (
    <table class="sr-only chart-data">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.heads[0]}</th>
          <th scope="col">{props.heads[1]}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map(([name, value], i) => (
          <tr key={i}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
