import type { Cloud } from '../policy/types.js';

/**
 * One color per cloud, the same in the terminal views and the HTML report, so a reader who has
 * learned "orange is AWS" once can read every output. Shades tell endpoints of one cloud apart.
 */
export const CLOUD_SHADES: Readonly<Record<Cloud, readonly string[]>> = {
  aws: ['#ff9900', '#c46f00', '#ffc266', '#8a4e00'],
  azure: ['#0078d4', '#50a6ee', '#004a85', '#9ccbf5'],
  gcp: ['#34a853', '#1e7b3a', '#7fcf93', '#0f4d22'],
  onprem: ['#8c8c8c', '#5c5c5c', '#bdbdbd', '#3d3d3d'],
};

export const CLOUD_ORDER: readonly Cloud[] = ['aws', 'azure', 'gcp', 'onprem'];

export function cloudColor(cloud: Cloud): string {
  return CLOUD_SHADES[cloud][0]!;
}

/**
 * A color per endpoint: its cloud's base color for the first endpoint of that cloud, then the
 * other shades in order. `endpoints` is the service's endpoint list, whose order is stable.
 */
export function endpointColors(
  endpoints: readonly { readonly id: string; readonly cloud: Cloud }[],
): ReadonlyMap<string, string> {
  const seen = new Map<Cloud, number>();
  const colors = new Map<string, string>();
  for (const endpoint of endpoints) {
    const index = seen.get(endpoint.cloud) ?? 0;
    seen.set(endpoint.cloud, index + 1);
    const shades = CLOUD_SHADES[endpoint.cloud];
    colors.set(endpoint.id, shades[index % shades.length]!);
  }
  return colors;
}
