import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../errors.js';
import { didYouMean } from '../policy/suggest.js';

/**
 * Parses a health file as a monitoring job would write it: a YAML or JSON mapping of endpoint id
 * to `up` or `down` (also `healthy`/`unhealthy`, true/false). Returns the endpoints that are down.
 */
export function parseHealthFile(
  text: string,
  file: string,
  endpointIds: readonly string[],
): { ok: true; down: string[] } | { ok: false; diagnostics: Diagnostic[] } {
  // Duplicate keys are found below with a set: yaml's own check compares each key with every
  // earlier one, and a line-by-line position search per finding was quadratic as well.
  const lines = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false, lineCounter: lines });
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number | undefined) => {
    const { line, col } = lines.linePos(offset ?? 0);
    return { file, line, column: col };
  };
  for (const error of document.errors) {
    diagnostics.push({
      severity: 'error',
      code: 'HEALTH.SYNTAX',
      message: error.message.split('\n')[0] ?? '',
      path: '',
      location: at(error.pos[0]),
    });
  }
  const down: string[] = [];
  if (diagnostics.length === 0 && !isMap(document.contents)) {
    diagnostics.push({
      severity: 'error',
      code: 'HEALTH.INVALID',
      message: 'a health file is a mapping of endpoint id to up or down',
      path: '',
      location: at(0),
      hint: 'write lines such as `aws-fra: down`',
    });
  }
  const seen = new Set<string>();
  for (const pair of isMap(document.contents) ? document.contents.items : []) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = isScalar(pair.value) ? String(pair.value.value).toLowerCase() : '';
    const place = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (seen.has(id)) {
      diagnostics.push({
        severity: 'error',
        code: 'HEALTH.SYNTAX',
        message: 'Map keys must be unique',
        path: '',
        location: place,
      });
      continue;
    }
    seen.add(id);
    if (!endpointIds.includes(id)) {
      diagnostics.push({
        severity: 'error',
        code: 'HEALTH.UNKNOWN_ENDPOINT',
        message: `unknown endpoint '${id}'`,
        path: id,
        location: place,
        ...hint(didYouMean(id, endpointIds)),
      });
    } else if (['down', 'unhealthy', 'false'].includes(value)) {
      down.push(id);
    } else if (!['up', 'healthy', 'true'].includes(value)) {
      diagnostics.push({
        severity: 'error',
        code: 'HEALTH.INVALID',
        message: `'${value}' is not a health status`,
        path: id,
        location: place,
        hint: 'use up or down',
      });
    }
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, down };
}

function hint(text: string | undefined): { hint?: string } {
  return text === undefined ? {} : { hint: text };
}
