import type { Profile } from '@azure/arm-trafficmanager';
import { describe, expect, it } from 'vitest';
import { retainedShared } from '../../src/providers/azure/profile-ownership.js';

/**
 * Which shared profiles a plan must keep because something outside its read uses them. A shared
 * Weighted profile nested only by a shared Priority profile (failoverBackups) is kept exactly when
 * its parent is: kept for good otherwise, it would outlive the parent's deletion.
 */

const group = '/subscriptions/s/resourcegroups/tm/providers/microsoft.network/trafficmanagerprofiles/';
const nested = 'Microsoft.Network/trafficManagerProfiles/nestedEndpoints';

function profile(name: string, children: readonly string[] = []): Profile {
  return {
    id: `${group}${name}`,
    name,
    endpoints: children.map((child) => ({ name: `n-${child}`, type: nested, targetResourceId: `${group}${child}` })),
  };
}

describe('retainedShared', () => {
  it('keeps a shared profile nested by a kept shared one, and not one nested only by an unused shared one', () => {
    const profiles = [
      profile('tp-www', ['tp-w-prio']), // a service of this read: its nesting keeps nothing
      profile('tp-w-prio', ['tp-w-weighted']),
      profile('tp-w-weighted'),
    ];
    const classes = ['service', 'shared', 'shared'] as const;
    expect(retainedShared({ profiles, classes: [...classes], outsideAliases: new Set() })).toEqual(new Set());
    // Another policy's root (not owned by this read) nests the Priority profile: both stay.
    const other = [...profiles, profile('tp-api', ['tp-w-prio'])];
    expect(retainedShared({ profiles: other, classes: [...classes, undefined], outsideAliases: new Set() })).toEqual(
      new Set(['tp-w-prio', 'tp-w-weighted']),
    );
    // A record set outside the read aliases the Priority profile: both stay too.
    expect(retainedShared({ profiles, classes: [...classes], outsideAliases: new Set([`${group}tp-w-prio`]) })).toEqual(
      new Set(['tp-w-prio', 'tp-w-weighted']),
    );
  });
});
