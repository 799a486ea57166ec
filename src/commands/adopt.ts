import { type AdoptFlags, applyAdoption, type PreparedAdoption, prepareAdoption } from '../adopt/adopt.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { requireApproval } from '../publish/consent.js';
import { styles } from '../ui/text/colors.js';

export interface AdoptCommandFlags extends AdoptFlags {
  readonly service: string;
  readonly dryRun?: boolean;
  readonly autoApprove?: boolean;
}

/** `trafficport adopt POLICY --service NAME`: see src/adopt/adopt.ts. */
export async function runAdopt(file: string, flags: AdoptCommandFlags, io: CliIo): Promise<CommandResult> {
  const prepared = await prepareAdoption(file, flags.service, flags, io);
  if (flags.dryRun) return result(prepared, false, file);
  if (!flags.autoApprove && io.confirm !== undefined) io.stdout.write(planText(prepared, io.stdout.isTTY === true));
  await requireApproval(flags, io.confirm, `Replace these records of ${prepared.service}?`, 'apply');
  await applyAdoption(prepared, flags, io, file);
  return result(prepared, true, file);
}

function result(prepared: PreparedAdoption, applied: boolean, file: string): CommandResult {
  return {
    exitCode: ExitCode.OK,
    json: () => ({
      version: 1,
      service: prepared.service,
      at: prepared.at,
      applied,
      providers: prepared.targets.map(({ plan }) => ({
        provider: plan.provider,
        replaced: plan.replaced,
        created: plan.created,
        ...(plan.kept === undefined ? {} : { kept: plan.kept }),
        order: plan.handOver === undefined ? 'one atomic request' : 'create, switch the record set, delete',
        maxMovedPercent: plan.maxMovedPercent,
        moves: plan.moves.filter((m) => m.moved > 0),
      })),
    }),
    human: ({ color }) =>
      `${planText(prepared, color)}${applied ? `\nadopted ${prepared.service}: \`trafficport rollback ${file}\` restores the records above\n` : '\n(dry run: nothing was changed)\n'}`,
  };
}

function planText(prepared: PreparedAdoption, color: boolean): string {
  const s = styles(color);
  const lines = [`${s.bold('adopt')} ${prepared.service} at ${prepared.at}`];
  for (const { plan } of prepared.targets) {
    lines.push(
      '',
      `${plan.provider}: ${plan.replaced.length} foreign ${plan.handOver === undefined ? 'record set(s)' : 'resource(s)'} replaced, ${plan.created.length} created`,
    );
    for (const r of plan.replaced)
      lines.push(
        s.red(`  - ${r.type} ${r.name}${r.setIdentifier === undefined ? '' : ` [${r.setIdentifier}]`} ${r.summary}`),
      );
    for (const r of plan.created)
      lines.push(
        s.green(`  + ${r.type} ${r.name}${r.setIdentifier === undefined ? '' : ` [${r.setIdentifier}]`} ${r.summary}`),
      );
    for (const k of plan.kept ?? []) lines.push(s.dim(`  = kept: ${k}`));
    if (plan.handOver !== undefined)
      lines.push(
        "  order: create trafficport's profiles, switch the record set (one conditional write), then delete the foreign profiles, parents first",
      );
    const moving = plan.moves.filter((m) => m.moved > 0);
    if (moving.length === 0) {
      lines.push(`  traffic moved: none (${plan.moves.length} geographies answer as they do today)`);
      continue;
    }
    lines.push(
      `  traffic moved: up to ${plan.maxMovedPercent}% of a geography, in ${moving.length} of ${plan.moves.length}`,
    );
    for (const m of [...moving].sort((a, b) => b.moved - a.moved).slice(0, 10))
      lines.push(`    ${m.geo}: ${m.moved}% (${JSON.stringify(m.before)} → ${JSON.stringify(m.after)})`);
    if (moving.length > 10) lines.push(s.dim(`    … ${moving.length - 10} more`));
  }
  return `${lines.join('\n')}\n`;
}
