import type { Diagnostic } from '../errors.js';
import { POLICY_FILE } from '../inputs/policy-file.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import { readInputFile } from '../io/read-input.js';
import type { CommandResult } from '../io/result.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import { styles } from '../ui/text/colors.js';
import { formatDiagnostics } from '../ui/text/diagnostics.js';

/** The `--json` shape of `validate`, version 1. */
export interface ValidateJson {
  readonly version: 1;
  readonly file: string;
  readonly valid: boolean;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  readonly summary?: { providers: number; endpoints: number; services: number; rules: number };
}

export async function runValidate(file: string, io: CliIo): Promise<CommandResult> {
  const text = await readInputFile(file, io.cwd, POLICY_FILE);
  const result = loadPolicy(text, file);
  const errors = result.ok ? [] : result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.ok ? result.warnings : result.diagnostics.filter((d) => d.severity === 'warning');
  const json: ValidateJson = {
    version: 1,
    file,
    valid: result.ok,
    errors,
    warnings,
    ...(result.ok ? { summary: summarize(result.policy) } : {}),
  };
  return {
    exitCode: result.ok ? ExitCode.OK : ExitCode.ERROR,
    humanStream: result.ok ? 'stdout' : 'stderr',
    json: () => json,
    human: ({ color }) => {
      const s = styles(color);
      const findings = formatDiagnostics([...errors, ...warnings].sort(byLine), text, s);
      if (!result.ok) {
        const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
        return `${findings}\n${s.red('✗')} ${file}: ${count}${warnings.length > 0 ? `, ${warnings.length} warning(s)` : ''}\n`;
      }
      const n = summarize(result.policy);
      const line = `${s.green('✓')} ${file} is valid: ${n.providers} provider(s), ${n.endpoints} endpoint(s), ${n.services} service(s), ${n.rules} rule(s)\n`;
      return warnings.length > 0 ? `${findings}\n${line}` : line;
    },
  };
}

function summarize(policy: Policy): NonNullable<ValidateJson['summary']> {
  const { rules } = policy;
  return {
    providers: policy.providers.length,
    endpoints: policy.endpoints.length,
    services: policy.services.length,
    rules: rules.sovereignty.length + rules.balance.length + rules.maintenance.length,
  };
}

function byLine(a: Diagnostic, b: Diagnostic): number {
  return (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0);
}
