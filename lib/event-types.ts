import { EventRegistry } from './event-store/registry';

/** The registry the app uses; domain modules register their event types here. */
export const registry = new EventRegistry();
