import type { StateStore } from "./state-store.js";

/** How often an instance says it is alive, and how long it is listed after its last word. */
export const HEARTBEAT = { intervalMs: 10_000, ttlMs: 30_000, group: "instances" } as const;

/** What /status says of an instance. */
export interface InstanceInfo {
  readonly name: string;
  readonly startedAt: string;
}

/**
 * Makes this instance known to the others (for /status): a heartbeat in the store every 10 s, listed for 30 s
 * after the last one, so a stopped or lost instance drops off within half a minute. A heartbeat that fails
 * (Redis away) is simply tried again at the next beat.
 */
export function startHeartbeat(store: StateStore, info: InstanceInfo): { stop(): Promise<void> } {
  const beat = () => store.remember(HEARTBEAT.group, info.name, JSON.stringify(info), HEARTBEAT.ttlMs).catch(() => undefined);
  void beat();
  const timer = setInterval(() => void beat(), HEARTBEAT.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      // Leaving: listed until its last heartbeat expires; shortened to a second so /status soon drops it.
      await store.remember(HEARTBEAT.group, info.name, JSON.stringify(info), 1000).catch(() => undefined);
    },
  };
}

/** The instances that said they were alive within the last 30 s, by name. */
export async function knownInstances(store: StateStore): Promise<InstanceInfo[]> {
  const members = await store.members(HEARTBEAT.group);
  return [...members.values()].map((raw) => JSON.parse(raw) as InstanceInfo).sort((a, b) => a.name.localeCompare(b.name));
}
