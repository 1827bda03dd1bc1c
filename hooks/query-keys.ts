/** Every react-query key of the console, in one place so hooks and invalidations agree. */
export const queryKeys = {
  health: ['health'] as const,
  replay: (replayId: string) => ['replay', replayId] as const,
  verifications: ['verifications'] as const,
  /** By the stream's version too: a page opened after an append starts a fresh history. */
  timeline: (streamId: string, version: number) => ['timeline', streamId, version] as const,
  state: (streamId: string, version: number, point: string) =>
    ['state', streamId, version, point] as const,
};
