import { TrafficportError } from '../errors.js';

/** A mock backend's state file (or its log) that cannot be used: the file, what is wrong, and the way on. */
export function mockStateCorrupt(path: string, what: string): TrafficportError {
  return new TrafficportError('MOCK.STATE_CORRUPT', `the mock state file ${path} is damaged: ${what}`, {
    hint: 'move the state file and its .log aside (or delete them) to start the mock from an empty state; nothing outside the mock depends on them',
  });
}
