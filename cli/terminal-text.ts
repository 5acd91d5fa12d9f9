// Text from others (a secret, a user agent, a server message) shown safely on a terminal.

// C0 and C1 controls except tab and newline: enough to rewrite the screen or the window title.
// eslint-disable-next-line no-control-regex -- control characters are what this escapes
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
// One-line fields also lose newlines and the bidi overrides that reorder what is shown.
// eslint-disable-next-line no-control-regex -- control characters are what this escapes
const FIELD_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

const escape = (char: string) => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0')

export function hasControlCharacters(text: string): boolean {
  return new RegExp(CONTROL.source).test(text)
}

/** Multi-line text with its control characters made visible. */
export function printableText(text: string): string {
  return text.replace(CONTROL, escape)
}

/** One line of untrusted text, made visible and cut to `max` characters. */
export function printableField(text: string | null | undefined, max = 200): string {
  if (text === null || text === undefined || text === '') return '-'
  const clean = text.replace(FIELD_CONTROL, escape)
  const chars = Array.from(clean)
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : clean
}

/** Left-aligned columns separated by two spaces; the first row is the header. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => Array.from(row[column] ?? '').length)),
  )
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1
            ? cell
            : cell + ' '.repeat(widths[column] - Array.from(cell).length),
        )
        .join('  '),
    )
    .join('\n')
}
