import type { ReactElement } from 'react';
import type { ViewOptions } from '../../io/result.js';
import type { PlanDocument } from '../../plan/types.js';
import type { Splits } from '../../solve/types.js';
import { PlanView } from './plan-view.js';
import { SplitsView } from './split-bars.js';

/** Element factories the commands load lazily (through terminal.ts) on the terminal path only. */
export function splitsElement(
  splits: Splits,
  view: { readonly geos: readonly string[]; readonly limit: number },
  options: ViewOptions,
): ReactElement {
  return (
    <SplitsView splits={splits} geos={view.geos} limit={view.limit} color={options.color} columns={options.columns} />
  );
}

export function planElement(
  plan: PlanDocument,
  splits: Splits,
  options: ViewOptions,
  savedTo?: string,
  all = false,
): ReactElement {
  return (
    <PlanView
      plan={plan}
      splits={splits}
      color={options.color}
      columns={options.columns}
      all={all}
      {...(savedTo === undefined ? {} : { savedTo })}
    />
  );
}
