/** CSV (RFC 4180) for spreadsheets: quoted where needed, CRLF lines, formulas defused. */

/** A first character that makes Excel, LibreOffice or Sheets evaluate a cell (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: null is empty; a text that a spreadsheet would run as a formula gets a leading `'`
 * (numbers are written as they are, so a negative number stays a number); a cell with a comma, quote
 * or line break is quoted, its quotes doubled.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and one row per record, the columns in `columns` order. */
export function toCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  const line = (cells: string[]) => `${cells.join(',')}\r\n`;
  const body = rows.map((row) =>
    line(columns.map((c) => csvCell(row[c] as string | number | boolean | null | undefined))),
  );
  return line(columns.map((c) => csvCell(c))) + body.join('');
}
