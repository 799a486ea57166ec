import { type Diagnostic, formatLocation } from '../../errors.js';
import type { Styles } from './colors.js';

/**
 * Renders diagnostics the way compilers do: severity, code and place on one line, the message,
 * the source line with a caret under the column, and the hint.
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  sourceText: string | undefined,
  s: Styles,
): string {
  const lines = sourceText?.split(/\r?\n/);
  return diagnostics.map((d) => formatDiagnostic(d, lines, s)).join('\n');
}

function formatDiagnostic(d: Diagnostic, lines: readonly string[] | undefined, s: Styles): string {
  const label = d.severity === 'error' ? s.red(s.bold('error')) : s.yellow(s.bold('warning'));
  const out = [`${label} ${s.dim(d.code)} ${formatLocation(d.location)}`, `  ${s.bold(d.message)}`];
  if (d.path !== '') out.push(`  ${s.dim('at')} ${d.path}`);
  const lineNumber = d.location.line;
  const lineText = lineNumber === undefined ? undefined : lines?.[lineNumber - 1];
  if (lineNumber !== undefined && lineText !== undefined) {
    const gutter = String(lineNumber);
    const shown = lineText.length > 160 ? `${lineText.slice(0, 160)}…` : lineText;
    out.push(`  ${s.dim(`${gutter} |`)} ${shown}`);
    out.push(
      `  ${' '.repeat(gutter.length)} ${s.dim('|')} ${' '.repeat(Math.max(0, (d.location.column ?? 1) - 1))}${s.red('^')}`,
    );
  }
  if (d.hint !== undefined) out.push(`  ${s.cyan('hint:')} ${d.hint}`);
  return `${out.join('\n')}\n`;
}
