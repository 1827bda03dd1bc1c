import { agentEventTypes } from './domain/agent/events';
import { workflowEventTypes } from './domain/workflow/events';
import { EventRegistry } from './event-store/registry';

/** The registry the app uses: the domain's event types with their schemas and upcasters. */
export const registry = new EventRegistry().register(...workflowEventTypes, ...agentEventTypes);
