/** The localStorage entry of the profile's snapshot (see snapshot.ts): the inline decider reads it too. */
export const SNAPSHOT_KEY = 'p13n:snapshot';
