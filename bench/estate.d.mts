// Types for the tests that generate the benchmark estate (test/cli/large-output.test.ts).
export interface EstateShape {
  readonly services: number;
  readonly zones: number;
}
export declare const ESTATE_FULL: EstateShape;
export declare const ESTATE_QUICK: EstateShape;
export declare const ESTATE_AZURE_DENSE: EstateShape;
export declare const ESTATE_AT: number;
export declare function estateYaml(shape: EstateShape): string;
export declare function loadEstate(shape: EstateShape): { text: string; policy: unknown };
