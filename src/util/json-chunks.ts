/**
 * JSON text in pieces: exactly what `JSON.stringify(value)` (compact) or
 * `JSON.stringify(value, null, 2)` (pretty) gives, in pieces of about `size` characters. The
 * first `depth` levels of nesting are walked here, deeper values are serialized whole, so a
 * piece exceeds `size` by at most one such value. A 10,000-service plan is gigabytes of JSON as
 * one string (V8 refuses strings over 512 MB: `Invalid string length`).
 *
 * One generator over an explicit stack, not a recursive one: a yield through nested generators
 * costs a resumption per level, which made serializing slower than solving.
 */
export function* jsonChunks(value: unknown, pretty: boolean, depth = 5, size = 16 * 1024): Generator<string> {
  const top = serializedAt(value, '');
  if (skipped(top)) return;
  const writer = new ChunkWriter(pretty);
  writer.open(top, pretty ? '\n' : '', depth);
  while (writer.step()) {
    if (writer.out.length >= size) yield writer.take();
  }
  if (writer.out.length > 0) yield writer.take();
}

/** A container being written: its members (keys, or indices of an array) and how far it got. */
interface Frame {
  readonly array: readonly unknown[] | undefined;
  readonly object: Readonly<Record<string, unknown>>;
  readonly keys: readonly string[];
  index: number;
  /** Whether a member or element has been written (a comma goes before the next one). */
  written: boolean;
  readonly newline: string;
  readonly inner: string;
  readonly levels: number;
}

class ChunkWriter {
  out = '';
  private readonly stack: Frame[] = [];

  constructor(private readonly pretty: boolean) {}

  take(): string {
    const text = this.out;
    this.out = '';
    return text;
  }

  /** Writes a value: whole below the depth, or its opening, to be continued by `step`. */
  open(item: unknown, newline: string, levels: number): void {
    if (item === null || typeof item !== 'object' || levels <= 0) {
      this.out += leaf(item, this.pretty, newline);
      return;
    }
    const inner = this.pretty ? `${newline}  ` : '';
    const array = Array.isArray(item) ? (item as readonly unknown[]) : undefined;
    const object = item as Record<string, unknown>;
    const keys = array === undefined ? Object.keys(object) : [];
    this.out += array === undefined ? '{' : '[';
    this.stack.push({ array, object, keys, index: 0, written: false, newline, inner, levels });
  }

  /** Writes the next member of the innermost open container, or closes it; false when all is written. */
  step(): boolean {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) return false;
    const count = frame.array === undefined ? frame.keys.length : frame.array.length;
    while (frame.index < count) {
      const i = frame.index++;
      const name = frame.array === undefined ? frame.keys[i]! : String(i);
      const member = serializedAt(frame.array === undefined ? frame.object[name] : frame.array[i], name);
      if (skipped(member) && frame.array === undefined) continue;
      this.out += `${frame.written ? ',' : ''}${frame.inner}`;
      frame.written = true;
      if (frame.array === undefined) this.out += `${JSON.stringify(name)}${this.pretty ? ': ' : ':'}`;
      if (skipped(member)) this.out += 'null';
      else this.open(member, frame.inner, frame.levels - 1);
      return true;
    }
    this.stack.pop();
    this.out += `${frame.written ? frame.newline : ''}${frame.array === undefined ? '}' : ']'}`;
    return true;
  }
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

function leaf(value: unknown, pretty: boolean, newline: string): string {
  const text = JSON.stringify(value, null, pretty ? 2 : undefined);
  return pretty && newline !== '\n' && text.includes('\n') ? text.replaceAll('\n', newline) : text;
}
