// Reading back a DeviceState in a device's restore(): each reader checks one field's shape and
// range and throws a DeviceError naming the device and the field. A device reads every field
// before it assigns any, so a state of the wrong shape, or from a device built with other
// options, never leaves it half restored.

import { DeviceError } from "../errors.js";
import type { DeviceState } from "./device.js";

export class StateReader {
  private readonly device: string;
  private readonly state: DeviceState;
  private readonly seen = new Set<string>();

  constructor(device: string, state: unknown) {
    this.device = device;
    if (typeof state !== "object" || state === null || Array.isArray(state)) {
      throw this.error(`the state must be an object as save() returns it, got ${shown(state)}`);
    }
    this.state = state as DeviceState;
  }

  error(problem: string): DeviceError {
    return new DeviceError(`device ${this.device}: restore: ${problem}`);
  }

  /** A field that must equal the device's own option: a state is only valid for a device like the one that saved it. */
  option(key: string, own: number): void {
    const v = this.int(key, 0, Number.MAX_SAFE_INTEGER);
    if (v !== own) throw this.error(`state.${key} is ${v}, this device has ${own} (a state saved by a device built with other options)`);
  }

  int(key: string, min: number, max: number): number {
    const v = this.get(key);
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw this.bad(key, v, `an integer in ${min}..${max}`);
    return v;
  }

  bool(key: string): boolean {
    const v = this.get(key);
    if (typeof v !== "boolean") throw this.bad(key, v, "a boolean");
    return v;
  }

  /** An array of `length` integers, each in min..max. */
  ints(key: string, length: number, min: number, max: number): number[] {
    const v = this.array(key, length);
    v.forEach((x, i) => {
      if (typeof x !== "number" || !Number.isInteger(x) || x < min || x > max) throw this.bad(`${key}[${i}]`, x, `an integer in ${min}..${max}`);
    });
    return v as number[];
  }

  /** An array of `length` bigints, each in 0..2^64-1. */
  u64s(key: string, length: number): bigint[] {
    const v = this.array(key, length);
    v.forEach((x, i) => {
      if (typeof x !== "bigint" || x < 0n || x >= 1n << 64n) throw this.bad(`${key}[${i}]`, x, "a bigint in 0..2^64-1");
    });
    return v as bigint[];
  }

  /** Ascending distinct integers in min..max (a set of ids). */
  ids(key: string, min: number, max: number): number[] {
    return this.idsOf(key, this.array(key), min, max);
  }

  /** `length` sets of ids (one per context, say). */
  idLists(key: string, length: number, min: number, max: number): number[][] {
    return this.array(key, length).map((v, i) => {
      if (!Array.isArray(v)) throw this.bad(`${key}[${i}]`, v, "an array of ids");
      return this.idsOf(`${key}[${i}]`, v, min, max);
    });
  }

  bytes(key: string, maxLength: number): Uint8Array {
    const v = this.get(key);
    if (!(v instanceof Uint8Array) || v.length > maxLength) throw this.bad(key, v, `a Uint8Array of at most ${maxLength} bytes`);
    return v;
  }

  /** Every field was read: anything else in the state is not this device's. */
  done(): void {
    for (const key of Object.keys(this.state)) {
      if (!this.seen.has(key)) throw this.error(`unknown field "${key}" (a state saved by another kind of device?)`);
    }
  }

  private get(key: string): unknown {
    this.seen.add(key);
    if (!Object.prototype.hasOwnProperty.call(this.state, key)) throw this.error(`state.${key} is missing (a state saved by another kind of device?)`);
    return this.state[key];
  }

  private array(key: string, length?: number): unknown[] {
    const v = this.get(key);
    if (!Array.isArray(v)) throw this.bad(key, v, length === undefined ? "an array" : `an array of ${length}`);
    if (length !== undefined && v.length !== length) throw this.error(`state.${key} has ${v.length} elements, this device has ${length}`);
    return v;
  }

  private idsOf(key: string, v: unknown[], min: number, max: number): number[] {
    v.forEach((x, i) => {
      if (typeof x !== "number" || !Number.isInteger(x) || x < min || x > max) throw this.bad(`${key}[${i}]`, x, `an id in ${min}..${max}`);
      if (i > 0 && x <= (v[i - 1] as number)) throw this.error(`state.${key} must list ids in ascending order, once each`);
    });
    return v as number[];
  }

  private bad(key: string, v: unknown, what: string): DeviceError {
    return this.error(`state.${key} must be ${what}, got ${shown(v)}`);
  }
}

function shown(v: unknown): string {
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v instanceof Uint8Array) return `a Uint8Array of ${v.length}`;
  if (typeof v === "object" && v !== null) return "an object";
  return String(v);
}
