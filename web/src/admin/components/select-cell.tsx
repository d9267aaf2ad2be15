/** A table row's selection checkbox for bulk operations (Videos and Archive). */
export function SelectCell(props: {
  label: string;
  selected: boolean;
  onSelect: (selected: boolean) => void;
}) {
  return (
    <td class="col-select">
      <input
        type="checkbox"
        data-select
        aria-label={`Select ${props.label}`}
        checked={props.selected}
        onChange={(ev) => props.onSelect(ev.currentTarget.checked)}
      />
    </td>
  );
}
