const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML and SVG content and attribute values. Every string that comes from a
 * policy (names, ids, file paths) passes through here: a report is opened in a browser.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Percent with at most one decimal, as the tables show it. */
export function percent(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}
