// A small protobuf codec for the yunhu simulator, written from the field numbers of the
// seed's schema alone (see yunhu-frames.ts), so that it checks the product's own generated
// code rather than sharing it. Proto3 rules: zero, empty and absent scalars are not written;
// repeated fields are one field per element (strings and messages cannot be packed);
// varints are read and written as 64-bit values.

/** A field's type: a scalar, or a nested message given by its schema. */
export type FieldType = "string" | "bytes" | "uint" | "int" | "bool" | Schema;

export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
}

/** A message: field number → field. */
export type Schema = { readonly [no: number]: FieldSpec };

/** What the decoder makes of a message; unknown fields appear as "#<number>": [hex or value, ...]. */
export type Decoded = { [name: string]: DecodedValue };
export type DecodedValue = string | number | boolean | Decoded | DecodedValue[];

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

const MAX_U64 = (1n << 64n) - 1n;

// ---- writing -------------------------------------------------------------

export class Writer {
  readonly #chunks: number[] = [];

  /** A varint of any unsigned 64-bit value; negative values as their 64-bit two's complement. */
  varint(value: number | bigint): this {
    let v = BigInt(value);
    if (v < 0n) v &= MAX_U64;
    if (v > MAX_U64) throw new RangeError(`${value} does not fit in 64 bits`);
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      this.#chunks.push(byte);
    } while (v !== 0n);
    return this;
  }

  tag(no: number, wire: number): this {
    return this.varint((BigInt(no) << 3n) | BigInt(wire));
  }

  /** Field `no` as a varint. */
  uint(no: number, value: number | bigint): this {
    return this.tag(no, WIRE_VARINT).varint(value);
  }

  /** Field `no` length-delimited: raw bytes, a UTF-8 string, or an encoded message. */
  bytes(no: number, value: Uint8Array): this {
    this.tag(no, WIRE_LEN).varint(value.byteLength);
    for (const byte of value) this.#chunks.push(byte);
    return this;
  }

  string(no: number, value: string): this {
    return this.bytes(no, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.#chunks);
  }
}

/**
 * Encode `value` (field names as in the schema) by the schema, in field-number order.
 * Keys the schema does not name are an error: a typo must not silently drop a field.
 * Integers may be numbers, bigints or digit strings.
 */
export function encode(schema: Schema, value: Record<string, unknown>): Uint8Array {
  const known = new Set(Object.values(schema).map((f) => f.name));
  for (const key of Object.keys(value)) {
    if (!known.has(key) && value[key] !== undefined) throw new TypeError(`no field "${key}" in this message`);
  }
  const w = new Writer();
  const numbers = Object.keys(schema)
    .map(Number)
    .sort((a, b) => a - b);
  for (const no of numbers) {
    const spec = schema[no] as FieldSpec;
    const v = value[spec.name];
    if (v === undefined || v === null) continue;
    if (spec.repeated) {
      if (!Array.isArray(v)) throw new TypeError(`${spec.name} is repeated: give an array`);
      for (const item of v) writeOne(w, no, spec, item, true);
    } else {
      writeOne(w, no, spec, v, false);
    }
  }
  return w.finish();
}

function writeOne(w: Writer, no: number, spec: FieldSpec, v: unknown, always: boolean): void {
  const { type, name } = spec;
  if (typeof type === "object") {
    if (v instanceof Uint8Array) w.bytes(no, v);
    else if (typeof v === "object" && v !== null) w.bytes(no, encode(type, v as Record<string, unknown>));
    else throw new TypeError(`${name} must be a message`);
    return;
  }
  switch (type) {
    case "string":
      if (typeof v !== "string") throw new TypeError(`${name} must be a string`);
      if (v !== "" || always) w.string(no, v);
      return;
    case "bytes": {
      const bytes = typeof v === "string" ? fromHex(v) : v;
      if (!(bytes instanceof Uint8Array)) throw new TypeError(`${name} must be bytes or hex`);
      if (bytes.byteLength > 0 || always) w.bytes(no, bytes);
      return;
    }
    case "bool":
      if (typeof v !== "boolean") throw new TypeError(`${name} must be a boolean`);
      if (v || always) w.uint(no, 1);
      return;
    case "uint":
    case "int": {
      const n = integer(v, name);
      if (type === "uint" && n < 0n) throw new RangeError(`${name} must not be negative`);
      if (n !== 0n || always) w.uint(no, n);
      return;
    }
  }
}

function integer(v: unknown, name: string): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^-?\d+$/.test(v)) return BigInt(v);
  throw new TypeError(`${name} must be an integer`);
}

// ---- reading -------------------------------------------------------------

/** One field as it sits on the wire. */
export interface RawField {
  no: number;
  wire: number;
  /** Varints and fixed-width values as unsigned bigints; length-delimited fields as bytes. */
  value: bigint | Uint8Array;
}

/** Split a message into its fields, in wire order. Throws on truncated or malformed input. */
export function fields(bytes: Uint8Array): RawField[] {
  const out: RawField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (pos >= bytes.length) throw new RangeError("truncated varint");
      if (shift > 63n) throw new RangeError("varint longer than 10 bytes");
      const byte = bytes[pos++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result & MAX_U64;
    }
  };
  const fixed = (size: number): bigint => {
    if (pos + size > bytes.length) throw new RangeError("truncated fixed-width field");
    let result = 0n;
    for (let i = size - 1; i >= 0; i--) result = (result << 8n) | BigInt(bytes[pos + i] as number);
    pos += size;
    return result;
  };
  while (pos < bytes.length) {
    const key = varint();
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (no === 0) throw new RangeError("field number 0");
    if (wire === WIRE_VARINT) out.push({ no, wire, value: varint() });
    else if (wire === WIRE_I64) out.push({ no, wire, value: fixed(8) });
    else if (wire === WIRE_I32) out.push({ no, wire, value: fixed(4) });
    else if (wire === WIRE_LEN) {
      const length = Number(varint());
      if (pos + length > bytes.length) throw new RangeError(`field ${no}: length ${length} past the end`);
      out.push({ no, wire, value: bytes.subarray(pos, pos + length) });
      pos += length;
    } else {
      throw new RangeError(`field ${no}: unsupported wire type ${wire}`);
    }
  }
  return out;
}

/**
 * Decode by the schema. Integers come back as numbers when safe, else as digit strings;
 * a field with the wrong wire type, or a number the schema does not know, is kept under
 * "#<number>" as a list (hex for bytes) so that a mismatch between encoder and schema is visible.
 */
export function decode(schema: Schema, bytes: Uint8Array): Decoded {
  const out: Decoded = {};
  for (const field of fields(bytes)) {
    const spec = schema[field.no];
    const value = spec && convert(spec.type, field);
    if (spec === undefined || value === undefined) {
      const shown = field.value instanceof Uint8Array ? toHex(field.value) : safe(field.value);
      add(out, `#${field.no}`, shown, true);
      continue;
    }
    add(out, spec.name, value, spec.repeated === true);
  }
  return out;
}

function add(out: Decoded, key: string, value: DecodedValue, repeated: boolean): void {
  if (!repeated) {
    out[key] = value; // proto3: the last one wins
    return;
  }
  const list = out[key];
  if (Array.isArray(list)) list.push(value);
  else out[key] = list === undefined ? [value] : [list, value];
}

function convert(type: FieldType, field: RawField): DecodedValue | undefined {
  const { value } = field;
  if (typeof type === "object") return value instanceof Uint8Array ? decode(type, value) : undefined;
  switch (type) {
    case "string":
      return value instanceof Uint8Array ? new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(value) : undefined;
    case "bytes":
      return value instanceof Uint8Array ? toHex(value) : undefined;
    case "bool":
      return typeof value === "bigint" && field.wire === WIRE_VARINT ? value !== 0n : undefined;
    case "uint":
      return typeof value === "bigint" && field.wire === WIRE_VARINT ? safe(value) : undefined;
    case "int":
      return typeof value === "bigint" && field.wire === WIRE_VARINT ? safe(BigInt.asIntN(64, value)) : undefined;
  }
}

function safe(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

// ---- hex -----------------------------------------------------------------

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** Hex to bytes; spaces are ignored so that tests can write hex in groups. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, "");
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new TypeError("not an even-length hex string");
  return new Uint8Array(Buffer.from(clean, "hex"));
}
