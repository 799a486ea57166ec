/**
 * JSON text of deep-frozen mock state, remembered per object. A state file used to be serialized
 * whole after every change request: at 50,000 records, 12 MB of JSON.stringify per
 * ChangeResourceRecordSets call. Snapshots are immutable and an update shares every part it did
 * not touch (snapshot.ts), so the text of an untouched zone, record set or profile is the one
 * made before: a write serializes what changed and joins the rest.
 */
const texts = new WeakMap<object, string>();

/** Levels below which values are serialized whole (a record's fields are not worth a cache entry). */
const DEPTH = 5;

/** Exactly `JSON.stringify(value)` for JSON values; cached for frozen objects and arrays. */
export function frozenJson(value: unknown, depth = DEPTH): string {
  if (value === null || typeof value !== 'object' || depth <= 0 || !Object.isFrozen(value)) {
    return JSON.stringify(value);
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  const known = texts.get(value);
  if (known !== undefined) return known;
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((item: unknown) => (omitted(item) ? 'null' : frozenJson(item, depth - 1))).join(',')}]`;
  } else {
    const object = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(object)) {
      if (!omitted(object[key])) members.push(`${JSON.stringify(key)}:${frozenJson(object[key], depth - 1)}`);
    }
    text = `{${members.join(',')}}`;
  }
  texts.set(value, text);
  return text;
}

const omitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';
