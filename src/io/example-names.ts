/**
 * The policies in examples/ that `init --example NAME` writes (a test keeps this list equal to the
 * directory). Here, not in commands/init.ts, so the command tree can offer them as choices without
 * loading the command.
 */
export const EXAMPLE_NAMES = ['quickstart', 'eu-sovereignty', 'maintenance-drain', 'multicloud-balance'] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];
