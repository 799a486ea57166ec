import type { PlanDocument } from '../../plan/types.js';
import { describeChange } from '../text/changes.js';
import { fallbackLines, formatMove, geographyLine } from '../text/plan.js';
import { describeShortfalls } from '../text/shortfalls.js';

/** A plan summary for CI job summaries and pull-request comments (GitHub-flavoured Markdown). */
export function planMarkdown(plan: PlanDocument): string {
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
  if (plan.safety.exceeded.length > 0) {
    lines.push(...plan.safety.exceeded.map((e) => `> [!WARNING]\n> ${e}; apply needs \`--force\`.`), '');
  }
  const shortfalls = describeShortfalls(plan.shortfalls);
  if (shortfalls.length > 0) lines.push('**Shortfalls:**', ...shortfalls.map((line) => `- ${line}`), '');
  const fallbacks = plan.providers.flatMap((p) => fallbackLines(p).map((line) => `- **${p.provider}**: ${line}`));
  if (fallbacks.length > 0) lines.push('**Answered by a wider record:**', ...fallbacks, '');
  lines.push(...plan.providers.map((p) => `<sub>${p.provider} ${geographyLine(p)}</sub>`), '');
  const moves = plan.providers.flatMap((p) => p.moves.map((m) => `- ${p.provider}: ${formatMove(m)}`));
  if (moves.length > 0) lines.push('**Largest traffic moves:**', ...moves.slice(0, 15), '');
  for (const p of plan.providers.filter((x) => x.changes.length > 0)) {
    lines.push(`<details><summary>${p.provider}: ${p.changes.length} changes</summary>`, '', '```diff');
    for (const change of p.changes.slice(0, 200)) {
      const { symbol, text } = describeChange(change);
      lines.push(`${symbol === '~' ? '!' : symbol} ${text}`);
    }
    if (p.changes.length > 200) lines.push(`# … ${p.changes.length - 200} more`);
    lines.push('```', '', '</details>', '');
  }
  return `${lines.join('\n')}\n`;
}
