import { geoGraticule10, geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { NUMERIC_TO_ALPHA2, UNNUMBERED_TO_ALPHA2 } from './map-codes.generated.js';

/** One country outline, projected to SVG path data. */
export interface ProjectedCountry {
  /** ISO 3166-1 alpha-2 code; absent for a shape no code maps to (it is drawn, unserved). */
  readonly code?: string;
  /** Natural Earth's short name. */
  readonly name: string;
  readonly d: string;
}

/** The world, projected once and shared by every map of a report. */
export interface ProjectedWorld {
  readonly width: number;
  readonly height: number;
  readonly countries: readonly ProjectedCountry[];
  /** The outline of the globe (the sea) and a 10° graticule, as path data. */
  readonly sphere: string;
  readonly graticule: string;
  /** Screen position of a longitude/latitude, or undefined where the projection has none. */
  project(lon: number, lat: number): readonly [number, number] | undefined;
}

const NUMERIC = new Map(NUMERIC_TO_ALPHA2);
const UNNUMBERED = new Map(UNNUMBERED_TO_ALPHA2);

/** The alpha-2 code of a world-atlas feature: by its ISO numeric id, else by its name. */
export function alpha2Of(id: string | number | undefined, name: string): string | undefined {
  if (id !== undefined) return NUMERIC.get(String(id).padStart(3, '0'));
  return UNNUMBERED.get(name);
}

/**
 * Projects world-atlas's `countries` object with Natural Earth I (a compromise projection that
 * keeps both area and shape readable at world scale) into a box of the given width.
 * Path coordinates keep one decimal: at report sizes finer detail is invisible and only adds bytes.
 */
export function projectWorld(topology: Topology, width: number): ProjectedWorld {
  const collection = topology.objects.countries as GeometryCollection<{ name: string }>;
  const sphere = { type: 'Sphere' } as const;
  const projection = geoNaturalEarth1();
  // Natural Earth I is about 1.95 times as wide as it is tall.
  const height = Math.round(width / 1.95);
  projection.fitExtent(
    [
      [2, 2],
      [width - 2, height - 2],
    ],
    sphere,
  );
  const path = geoPath(projection).digits(1);
  const countries = collection.geometries.map((geometry): ProjectedCountry => {
    const shape = feature(topology, geometry) as Feature<Geometry, { name: string }>;
    const name = shape.properties.name;
    const code = alpha2Of(geometry.id, name);
    return { ...(code === undefined ? {} : { code }), name, d: path(shape) ?? '' };
  });
  return {
    width,
    height,
    countries,
    sphere: path(sphere) ?? '',
    graticule: path(geoGraticule10()) ?? '',
    project: (lon, lat) => {
      const point = projection([lon, lat]);
      return point === null ? undefined : [Math.round(point[0] * 10) / 10, Math.round(point[1] * 10) / 10];
    },
  };
}
