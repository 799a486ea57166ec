import type { PlanDocument } from '../../plan/types.js';
import { counted } from '../../util/words.js';
import { describeChange } from '../text/changes.js';
import { fallbackLines, formatMove, geographyLine, quotaLine, rampLine } from '../text/plan.js';
import { changeTitle, changeValues } from '../text/resource-values.js';
import { describeShortfalls } from '../text/shortfalls.js';

/** A plan summary for CI job summaries and pull-request comments (GitHub-flavoured Markdown). */
export function planMarkdown(plan: PlanDocument, options: { readonly all?: boolean } = {}): string {
  const all = options.all === true;
  const changed = plan.providers.some((p) => p.changes.length > 0);
  const lines = [
    `### trafficport plan: ${changed ? 'changes' : 'no changes'}`,
    '',
    `Policy \`${plan.policy.file}\` at ${plan.at}${plan.nextChangeAt ? ` · next change ${plan.nextChangeAt}` : ''}`,
    '',
    '| provider | zone | create | update | delete | traffic moved |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...plan.providers.map(
      (p) =>
        `| ${p.provider} (${p.type}) | ${p.zone} | ${p.counts.create} | ${p.counts.update} | ${p.counts.delete} | ${p.trafficMovedPercent}% |`,
    ),
    '',
  ];
  const ramp = rampLine(plan);
  if (ramp !== undefined) lines.push(`**R${ramp.slice(1)}**`, '');
  if (plan.safety.exceeded.length > 0) {
    lines.push(...plan.safety.exceeded.map((e) => `> [!WARNING]\n> ${e}; apply needs \`--force\`.`), '');
  }
  const quotas = plan.providers.flatMap((p) => (p.quota === undefined ? [] : [`- ${quotaLine(p)}`]));
  if (quotas.length > 0) lines.push('**Quotas:**', ...quotas, '');
  const shortfalls = describeShortfalls(plan.shortfalls);
  if (shortfalls.length > 0) lines.push('**Shortfalls:**', ...shortfalls.map((line) => `- ${line}`), '');
  const fallbacks = plan.providers.flatMap((p) => fallbackLines(p).map((line) => `- **${p.provider}**: ${line}`));
  if (fallbacks.length > 0) lines.push('**Answered by a wider record:**', ...fallbacks, '');
  lines.push(...plan.providers.map((p) => `<sub>${p.provider} ${geographyLine(p)}</sub>`), '');
  const moves = plan.providers.flatMap((p) => p.moves.map((m) => `- ${p.provider}: ${formatMove(m)}`));
  if (moves.length > 0)
    lines.push(all ? '**Traffic moves:**' : '**Largest traffic moves:**', ...(all ? moves : moves.slice(0, 15)), '');
  for (const p of plan.providers.filter((x) => x.changes.length > 0)) {
    lines.push(`<details><summary>${p.provider}: ${counted(p.changes.length, 'change')}</summary>`, '', '```diff');
    const changes = all ? p.changes : p.changes.slice(0, 200);
    for (const change of changes) {
      const { symbol, text } = describeChange(change);
      lines.push(`${symbol === '~' ? '!' : symbol} ${all ? changeTitle(change) : text}`);
      if (all)
        lines.push(
          ...changeValues(change, p.groups).map((line) => `${line[0] === '~' ? '!' : line[0]}     ${line.slice(2)}`),
        );
    }
    if (p.changes.length > changes.length)
      lines.push(`# … ${p.changes.length - changes.length} more (plan --all --markdown lists every one)`);
    lines.push('```', '', '</details>', '');
  }
  if (all) lines.push(...driftMarkdown(plan));
  return `${lines.join('\n')}\n`;
}

/** Changes made at each provider since the last apply, outside trafficport, apart from the plan. */
function driftMarkdown(plan: PlanDocument): string[] {
  const drifted = plan.providers.filter((p) => p.drift !== undefined);
  if (drifted.length === 0) return ['**Drift since the last apply:** no apply on record.', ''];
  const lines = ['**Drift since the last apply** (changed outside trafficport; the plan puts it back):', ''];
  for (const p of drifted) {
    if (p.drift!.length === 0) {
      lines.push(`- ${p.provider}: none`);
      continue;
    }
    lines.push(`- ${p.provider}: ${counted(p.drift!.length, 'record')} changed`, '', '```diff');
    for (const change of p.drift!) {
      lines.push(`! ${changeTitle(change)}`);
      lines.push(
        ...changeValues(change, p.groups).map((line) => `${line[0] === '~' ? '!' : line[0]}     ${line.slice(2)}`),
      );
    }
    lines.push('```', '');
  }
  return [...lines, ''];
}
