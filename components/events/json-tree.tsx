'use client';

import { JsonView, type Props as JsonViewProps } from 'react-json-view-lite';

type JsonStyle = NonNullable<JsonViewProps['style']>;

/** react-json-view-lite drawn with the console's palette instead of its own stylesheet. */
const style: JsonStyle = {
  container: 'font-mono text-xs leading-5 text-zinc-800',
  basicChildStyle: 'pl-4',
  label: 'mr-1 text-zinc-900',
  clickableLabel: 'mr-1 cursor-pointer text-zinc-900',
  nullValue: 'text-zinc-500',
  undefinedValue: 'text-zinc-500',
  numberValue: 'text-sky-700',
  stringValue: 'break-all text-emerald-700',
  booleanValue: 'text-violet-700',
  otherValue: 'text-zinc-700',
  punctuation: 'text-zinc-500',
  expandIcon:
    "-ml-4 inline-block w-4 cursor-pointer text-zinc-500 select-none after:content-['▸'] hover:text-zinc-900",
  collapseIcon:
    "-ml-4 inline-block w-4 cursor-pointer text-zinc-500 select-none after:content-['▾'] hover:text-zinc-900",
  collapsedContent: "mx-1 cursor-pointer text-zinc-500 after:content-['…']",
  childFieldsContainer: 'm-0 list-none p-0',
  quotesForFieldNames: true,
  ariaLables: { collapseJson: 'Collapse', expandJson: 'Expand' },
  stringifyStringValues: true,
};

export type ExpandRule = (level: number) => boolean;

export function JsonTree({
  label,
  value,
  shouldExpand,
}: {
  label: string;
  value: object;
  shouldExpand: ExpandRule;
}) {
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2">
      <p className="mb-1 text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{label}</p>
      <JsonView data={value} style={style} shouldExpandNode={shouldExpand} aria-label={label} />
    </div>
  );
}
