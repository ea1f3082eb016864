// ---------------------------------------------------------------------------
// The functions that build a shape's events from its steps: one from a validated wire object
// (`fromWire`), one from a canonical reader's captures. Each is generated per shape. A loop that stores
// each field by name (`event[name] = value`) is generic but slow in V8: one store site sees every field
// of every topic, turns megamorphic, and made the canonical readers several times slower. A generated
// function builds the event with one object literal in a fixed key order, which V8 allocates from a
// template. The generated text holds only the shape's own key and field names and literals (JSON-quoted)
// and indexes into the steps; nothing from a frame. Where code generation is refused (a Content-Security-Policy
// without 'unsafe-eval'), the generic loops below build the same events, slower.
// ---------------------------------------------------------------------------

/** @internal One wire key, as `fromWire` reads it. */
export interface WireStep {
  readonly key: string
  /** the event's field, or null when the key is validated only */
  readonly name: string | null
  readonly optional: boolean
  readonly convert?: (wire: unknown) => unknown
  /** the event's value when the key is missing (else undefined); gets the whole wire */
  readonly fallback?: (wire: unknown) => unknown
  /** a nested object's mapping, whose fields are spread into the event */
  readonly inline?: (wire: unknown) => unknown
}

/** @internal One field of a canonical element, as the reader's captures give it. */
export interface CaptureStep {
  readonly name: string | null
  /** the capture holding the value's text, or -1 */
  readonly group: number
  /** which of a book's two level lists holds the value (0 or 1), or -1 */
  readonly list: number
  readonly optional: boolean
  /** text to value; undefined when the codec rejects it. Absent: the text is the value. */
  readonly read?: (text: string) => unknown
  /** a literal's value (when `group` and `list` are -1) */
  readonly constant?: unknown
  readonly convert?: (wire: unknown) => unknown
}

/** @internal Builds the event of a wire object the codec accepted. */
export type FromWire = (wire: unknown) => object
/** @internal Builds the event of a matched element (with a book's two level lists), or undefined when a value's codec rejects it. */
export type FromCaptures = (m: RegExpExecArray, list0?: unknown, list1?: unknown) => object | undefined

const q = JSON.stringify

/** @internal The `fromWire` of `steps`. */
export function fromWireBuilder(steps: readonly WireStep[]): FromWire {
  return compileFromWire(steps) ?? ((wire) => loopFromWire(steps, wire))
}

/** @internal The mapping of a canonical element's captures, per `steps`. */
export function fromCapturesBuilder(steps: readonly CaptureStep[]): FromCaptures {
  return compileFromCaptures(steps) ?? ((m, list0, list1) => loopFromCaptures(steps, m, [list0, list1]))
}

function loopFromWire(steps: readonly WireStep[], wire: unknown): object {
  const w = wire as Record<string, unknown>
  const event: Record<string, unknown> = {}
  for (const step of steps) {
    const value = w[step.key]
    if (step.inline) Object.assign(event, step.inline(value))
    else if (step.name !== null) {
      event[step.name] = value === undefined ? step.fallback?.(wire) : step.convert ? step.convert(value) : value
    }
  }
  return event
}

function loopFromCaptures(
  steps: readonly CaptureStep[],
  m: RegExpExecArray,
  lists: readonly unknown[],
): object | undefined {
  const event: Record<string, unknown> = {}
  for (const step of steps) {
    let value: unknown
    if (step.list >= 0) value = lists[step.list]
    else if (step.group < 0) value = step.constant
    else {
      const text = m[step.group]
      value = text === undefined || !step.read ? text : step.read(text)
      if (value === undefined && text !== undefined) return undefined
    }
    if (step.name !== null) event[step.name] = value === undefined || !step.convert ? value : step.convert(value)
  }
  return event
}

// ---------------------------------------------------------------------------
// generated
// ---------------------------------------------------------------------------

function compileFromWire(steps: readonly WireStep[]): FromWire | undefined {
  // The step's functions are bound to constants of the outer function, which V8 calls directly.
  const outer: string[] = []
  const fields: string[] = []
  steps.forEach((step, i) => {
    const value = `w[${q(step.key)}]`
    if (step.inline) {
      outer.push(`const n${i} = s[${i}].inline`)
      fields.push(`...n${i}(${value})`)
      return
    }
    if (step.name === null) return
    if (step.convert) outer.push(`const c${i} = s[${i}].convert`)
    if (step.fallback) outer.push(`const f${i} = s[${i}].fallback`)
    const present = step.convert ? `c${i}(${value})` : value
    const missing = step.fallback ? `f${i}(w)` : 'undefined'
    fields.push(`${q(step.name)}: ${step.optional ? `${value} === undefined ? ${missing} : ${present}` : present}`)
  })
  return generate<FromWire>(steps, `${outer.join('; ')}; return function (w) { return { ${fields.join(', ')} } }`)
}

function compileFromCaptures(steps: readonly CaptureStep[]): FromCaptures | undefined {
  const outer: string[] = []
  const lines: string[] = []
  const fields: string[] = []
  steps.forEach((step, i) => {
    let value: string
    if (step.list >= 0) value = `list${step.list}`
    else if (step.group < 0) {
      // A literal: string literals are written into the text, other constants bound like the functions.
      if (typeof step.constant === 'string') value = q(step.constant)
      else {
        value = `k${i}`
        outer.push(`const k${i} = s[${i}].constant`)
      }
    } else if (!step.read) value = `m[${step.group}]`
    else {
      value = `v${i}`
      outer.push(`const r${i} = s[${i}].read`)
      lines.push(`const t${i} = m[${step.group}]`)
      if (step.optional) {
        lines.push(`const v${i} = t${i} === undefined ? undefined : r${i}(t${i})`)
        lines.push(`if (v${i} === undefined && t${i} !== undefined) return undefined`)
      } else {
        lines.push(`const v${i} = r${i}(t${i})`)
        lines.push(`if (v${i} === undefined) return undefined`)
      }
    }
    if (step.name === null) return
    if (step.convert) outer.push(`const c${i} = s[${i}].convert`)
    const converted = step.convert ? `c${i}(${value})` : value
    fields.push(`${q(step.name)}: ${step.optional && step.convert ? `${value} === undefined ? undefined : ${converted}` : converted}`)
  })
  return generate<FromCaptures>(
    steps,
    `${outer.join('; ')}; return function (m, list0, list1) { ${lines.join('; ')}; return { ${fields.join(', ')} } }`,
  )
}

/**
 * Set at the first refusal. A page's policy does not change while it runs, and every refused attempt is
 * reported (a console error in each browser, a `securitypolicyviolation` event): ask once, not per shape.
 */
let generationRefused = false

function generate<F>(steps: readonly unknown[], body: string): F | undefined {
  if (generationRefused) return undefined
  try {
    return new Function('s', body)(steps) as F
  } catch (error) {
    if (error instanceof EvalError) generationRefused = true
    return undefined
  }
}
