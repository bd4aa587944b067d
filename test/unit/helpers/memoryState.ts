import type { KeyValueStore } from '../../../src/connections/store';

/** A Memento in memory; values are copied through JSON as VS Code stores them. Shared by every store over it, like one window's (or several windows') global state. */
export class MemoryState implements KeyValueStore {
  data = new Map<string, unknown>();
  get<T>(key: string) {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}
