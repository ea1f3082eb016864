import type { Tape, TapeEntry } from '../../../src/simulator/tape/tape'

/** The frame entries of a tape, without its disconnects. */
export const framesOf = (tape: Tape): TapeEntry[] => tape.entries.filter((e): e is TapeEntry => 'frame' in e)
