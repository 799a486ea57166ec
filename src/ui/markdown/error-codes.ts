import { type CodeEntry, ERROR_CODES } from '../../error-codes.js';
import { type ErrorCode, exitCodeOf } from '../../errors.js';

/** docs/errors.md, generated from the catalogue (`npm run docs:errors`; a test keeps them equal). */
export function errorCodesMarkdown(): string {
  const byArea = new Map<string, [string, CodeEntry][]>();
  for (const [code, entry] of Object.entries(ERROR_CODES) as [string, CodeEntry][]) {
    const area = code.split('.')[0]!;
    byArea.set(area, [...(byArea.get(area) ?? []), [code, entry]]);
  }
  const sections = [...byArea].map(([area, entries]) => {
    const rows = entries.map(
      ([code, entry]) =>
        `| \`${code}\` | ${exitCodeOf(code as ErrorCode)} | ${cell(entry.meaning)} | ${cell(entry.hint ?? '')} |`,
    );
    return `## ${area}\n\n| code | exit | meaning | usual fix |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`;
  });
  return `# Error codes

<!-- Generated from src/error-codes.ts by \`npm run docs:errors\`; test/errors/catalogue.test.ts keeps it current. -->

Every error, finding, degradation and shortfall trafficport reports has a stable code
\`AREA.NAME\`. Errors end the command with the exit code shown (64 for usage errors, 1 otherwise;
see the README's exit codes). Findings in a policy (\`validate\`), degradations (\`plan\`) and
shortfalls (\`splits\`, \`plan\`) carry the same codes; warnings among them do not fail a command.
With \`--json\`, an error is \`{ "version": 1, "error": { "code", "message", "hint", "items", "location", "diagnostics" } }\`,
followed by \`"warnings": [{ "code", "message" }]\` when the run warned about its inputs before it
failed (the same warnings, in the same shape, as a successful run's document ends with).

${sections.join('\n')}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
