import * as t from 'io-ts'

/**
 * @internal
 * Renders io-ts errors as one line naming the first bad field's path, what was expected and what came:
 * `data.p: expected a decimal string, got 12`, `data.B[0].a: missing, expected a string`.
 * Only called on the failure path.
 * @since 0.1.0
 */
export function explain(errors: t.Errors, root: string): string {
  const first = errors[0]
  if (first === undefined) return `${root}: invalid`
  const context = first.context
  let path = root
  for (let i = 1; i < context.length; i++) {
    const parent = unwrap(context[i - 1].type)
    // Intersection and union members are entered under their index, which is no part of the data's path.
    if (parent instanceof t.IntersectionType || parent instanceof t.UnionType) continue
    path += isArrayCodec(parent) ? `[${context[i].key}]` : `.${context[i].key}`
  }
  const expected = first.message ?? `expected ${describe(context[context.length - 1].type)}`
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
  if (first.value === undefined) return `${path}: missing, ${expected}${more}`
  return `${path}: ${expected}, got ${render(first.value)}${more}`
}

/** Wrappers validate in their inner codec's context without an entry of their own. */
function unwrap(codec: t.Decoder<unknown, unknown>): t.Decoder<unknown, unknown> {
  while (codec instanceof t.ReadonlyType || codec instanceof t.RefinementType) codec = codec.type
  return codec
}

function isArrayCodec(codec: t.Decoder<unknown, unknown>): boolean {
  return codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType || codec instanceof t.TupleType
}

function describe(codec: t.Decoder<unknown, unknown>): string {
  codec = unwrap(codec)
  if (codec instanceof t.StringType) return 'a string'
  if (codec instanceof t.NumberType) return 'a number'
  if (codec instanceof t.BooleanType) return 'a boolean'
  if (codec instanceof t.BigIntType) return 'a bigint'
  if (codec instanceof t.LiteralType) return JSON.stringify(codec.value)
  if (codec instanceof t.KeyofType) return `one of ${Object.keys(codec.keys).join(', ')}`
  if (codec instanceof t.TupleType) return `a ${codec.types.length}-element array`
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) return 'an array'
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) return 'an object'
  if (codec instanceof t.IntersectionType) return 'an object'
  return codec.name
}

function render(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
    case 'bigint':
      return `${value}n`
    case 'object':
      if (value === null) return 'null'
      return Array.isArray(value) ? `an array of ${value.length}` : 'an object'
    default:
      return String(value)
  }
}
