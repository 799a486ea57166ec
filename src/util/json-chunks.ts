/**
 * JSON text in pieces: exactly what `JSON.stringify(value)` (compact) or
 * `JSON.stringify(value, null, 2)` (pretty) gives, yielded a member or an element at a time down
 * to `depth` levels of nesting, and below that one value per piece. A 10,000-service plan is
 * gigabytes of JSON as one string (V8 refuses strings over 512 MB: `Invalid string length`);
 * in pieces, the largest is one geography's split or one record change.
 */
export function* jsonChunks(value: unknown, pretty: boolean, depth = 5): Generator<string> {
  yield* chunks(serializedAt(value, ''), pretty ? '\n' : '', pretty, depth);
}

/** The value `JSON.stringify` serializes at `key`: what `toJSON` returns, if there is one. */
function serializedAt(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  return value;
}

/** Values JSON has no text for: left out as members, null as elements, nothing at the top. */
const skipped = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * Yields the text of `value` (already through toJSON) with every line after the first indented
 * as `newline` says (a newline and the indentation; '' when compact).
 */
function* chunks(value: unknown, newline: string, pretty: boolean, depth: number): Generator<string> {
  if (skipped(value)) return;
  if (value === null || typeof value !== 'object' || depth <= 0) {
    yield leaf(value, pretty, newline);
    return;
  }
  const inner = pretty ? `${newline}  ` : '';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[' : ','}${inner}`;
      const element = serializedAt(value[i], String(i));
      if (skipped(element)) yield 'null';
      else yield* chunks(element, inner, pretty, depth - 1);
    }
    yield `${newline}]`;
    return;
  }
  const object = value as Record<string, unknown>;
  let first = true;
  for (const name of Object.keys(object)) {
    const member = serializedAt(object[name], name);
    if (skipped(member)) continue;
    yield `${first ? '{' : ','}${inner}${JSON.stringify(name)}${pretty ? ': ' : ':'}`;
    first = false;
    yield* chunks(member, inner, pretty, depth - 1);
  }
  yield first ? '{}' : `${newline}}`;
}

function leaf(value: unknown, pretty: boolean, newline: string): string {
  const text = JSON.stringify(value, null, pretty ? 2 : undefined);
  return pretty && newline !== '\n' && text.includes('\n') ? text.replaceAll('\n', newline) : text;
}
