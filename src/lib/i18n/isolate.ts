// Wraps text from outside the translation (a network's name, the instance's name) in Unicode
// first-strong isolates, so a name in another script cannot reorder the sentence around it.
export function isolate(text: string): string {
  return '\u2068' + text + '\u2069'
}
