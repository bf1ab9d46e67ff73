import type { QueueEvent, QueueEventMap } from "./queue.js";

type Listener<E extends QueueEvent> = (event: QueueEventMap[E]) => void;

/**
 * A typed, failure-isolated emitter: a listener that throws never breaks the queue, and an `error`
 * event without listeners is dropped (unlike node:events, which would throw it).
 */
export class QueueEvents {
  private readonly listeners = new Map<QueueEvent, Set<(event: never) => void>>();

  on<E extends QueueEvent>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<E extends QueueEvent>(event: E, payload: QueueEventMap[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as Listener<E>)(payload);
      } catch {
        // A broken log or metrics hook must not take the queue down.
      }
    }
  }
}
