import { knownAggregates } from './aggregates/known';
import { EventRegistry } from './event-store/registry';

/** The registry the app uses: the domain's aggregates, with their event schemas and upcasters. */
export const registry = knownAggregates.reduce(
  (built, aggregate) => built.registerAggregate(aggregate),
  new EventRegistry(),
);
