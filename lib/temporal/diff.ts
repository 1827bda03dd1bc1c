import diff from 'microdiff';

export type FieldChange = {
  path: string;
  change: 'added' | 'removed' | 'changed';
  oldValue?: unknown;
  newValue?: unknown;
};

const kinds = { CREATE: 'added', REMOVE: 'removed', CHANGE: 'changed' } as const;

/** Which fields differ between two states, with old and new values; paths like `steps.2.status`. */
export function diffStates(before: unknown, after: unknown): FieldChange[] {
  const wrap = (value: unknown) => ({ state: value ?? null });
  return diff(wrap(before), wrap(after)).map((d) => ({
    path: d.path.slice(1).join('.') || '(whole state)',
    change: kinds[d.type],
    ...('oldValue' in d ? { oldValue: d.oldValue } : {}),
    ...('value' in d ? { newValue: d.value } : {}),
  }));
}
