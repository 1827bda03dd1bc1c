/** Every react-query key of the console, in one place so hooks and invalidations agree. */
export const queryKeys = {
  health: ['health'] as const,
  replay: (replayId: string) => ['replay', replayId] as const,
  timeline: (streamId: string) => ['timeline', streamId] as const,
  state: (streamId: string, point: string) => ['state', streamId, point] as const,
};
