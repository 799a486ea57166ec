import type { Policy, Provider } from '../policy/types.js';
import type { SplitPlan } from '../solve/types.js';

export interface RenderInput {
  readonly policy: Policy;
  readonly plan: SplitPlan;
  /** The provider to render for; only services that list it in `publish` are rendered. */
  readonly provider: Provider;
}
