/** Why a restore refused, each with its own exit code on the command line (scripts/restore.ts). */
export type RestoreRefusal =
  | 'not-empty' // the target database holds events or streams
  | 'damaged' // the file is not a whole, readable backup
  | 'mismatch' // the file's contents or the restored data disagree with the manifest
  | 'broken-chain' // a stream's hash chain or truncation anchor does not verify
  | 'incompatible'; // the backup names tables or columns this version does not have

export class RestoreError extends Error {
  constructor(
    readonly refusal: RestoreRefusal,
    message: string,
  ) {
    super(message);
  }
}

export const damaged = (message: string) => new RestoreError('damaged', message);
