import type { EventTypeDefinition } from '../event-store/registry';

/** An event as a decider sees it: a type and its data, nothing from storage. */
export type DomainEvent<T extends string = string, D = Record<string, unknown>> = {
  type: T;
  data: D;
};

/**
 * An event-sourced aggregate in the decider shape: `decide(command, state) → events` refuses
 * invalid commands with a domain error; `evolve(state, event) → state` refuses an event that
 * cannot follow the state, so a history that decide could not have written is never folded.
 * `null` state means the aggregate does not exist yet.
 */
export type Aggregate<State, Command, Event extends DomainEvent = DomainEvent> = {
  /** Name of the aggregate type; also the stream category (`workflow-<id>`). */
  type: string;
  /** Version of the state's shape: snapshots of an older shape are ignored. */
  stateVersion: number;
  /** Reads the id part of a stream id, e.g. the UUID of `workflow-<uuid>`. */
  idOf: (streamId: string) => string;
  /** The id the state says it has: a stream's history must be of the aggregate it is named for. */
  stateId: (state: State) => string;
  /** Applies an event, or refuses (a domain error) one that cannot follow the state. */
  evolve: (state: State | null, event: Event) => State;
  decide: (command: Command, state: State | null) => Event[];
  events: EventTypeDefinition[];
};

export function fold<State, Event extends DomainEvent>(
  evolve: (state: State | null, event: Event) => State,
  events: Event[],
  from: State | null = null,
): State | null {
  return events.reduce<State | null>((state, event) => evolve(state, event), from);
}
