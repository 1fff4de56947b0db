import { replaceControls } from '../../text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and quoted attribute values; control characters become spaces. */
export function escapeHtml(text: string): string {
  return replaceControls(text, ' ').replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

/** Text made safe for HTML, keeping its line breaks (for a `<pre>` block). */
export function escapeHtmlLines(text: string): string {
  return text.split('\n').map(escapeHtml).join('\n');
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` escaped as \u003c… so that no string in
 * the data can close the block or open a comment, and the line separators JavaScript once refused escaped too.
 * JSON.parse of the block's text gives the value back exactly.
 */
export function jsonForScript(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** An address safe to link to from a page: http or https only; anything else is shown as text, not linked. */
export function linkableUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
