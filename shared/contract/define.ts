import type { z } from 'zod'

/**
 * One renderer→main call: its input and output schemas. Main validates every input against
 * `input` before a handler sees it; the renderer gets the output typed from `output`.
 */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** One line for humans (the harness index, fuzzing reports). */
  summary: string
}

/** Declares a call; a function (not a literal) so the schema types are kept exactly. */
export const defineCall = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  summary: string
): CallSpec<I, O> => ({ input, output, summary })
