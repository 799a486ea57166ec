import type { Change } from '../../plan/diff.js';
import type { JsonValue } from '../../render/types.js';

/** One line per change: symbol, resource key, and for updates the fields that differ. */
export function describeChange(change: Change): { symbol: '+' | '~' | '-'; text: string } {
  const [kind, ...rest] = change.key.split('|');
  // A Route 53 health check's key is only its placeholder; say what it is.
  const name = kind === 'route53.healthcheck' ? `health check ${rest.join(' ')}` : rest.join(' ');
  if (change.action === 'create') return { symbol: '+', text: name };
  if (change.action === 'delete') return { symbol: '-', text: name };
  const fields = changedFields(change.before.body, change.after.body, '');
  const shown = fields.slice(0, 4).join(', ');
  return { symbol: '~', text: `${name}${shown ? `: ${shown}` : ''}${fields.length > 4 ? ', …' : ''}` };
}

function changedFields(before: JsonValue, after: JsonValue, path: string): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      changedFields(before[key] ?? null, after[key] ?? null, path === '' ? key : `${path}.${key}`),
    );
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [`${path} ${short(before)} → ${short(after)}`];
}

function isObject(value: JsonValue): value is { readonly [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function short(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
