import type { GeoList } from '../geo/provider-lists/geo-list.js';
import type { Policy, Provider } from '../policy/types.js';
import type { Splits } from '../solve/types.js';

export interface RenderInput {
  readonly policy: Policy;
  readonly splits: Splits;
  /** The provider to render for; only services that list it in `publish` are rendered. */
  readonly provider: Provider;
  /**
   * The locations the provider can target, as its adapter read them (`adapter.geoList()`).
   * Default: the provider's documented list (src/geo/provider-lists), which the mocks serve;
   * commands always pass the list they read.
   */
  readonly geoList?: GeoList;
}
