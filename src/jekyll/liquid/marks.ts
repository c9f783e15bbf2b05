/** Liquid's tag and output openers: text (or bytes: they are ASCII) with neither is its own output, and Liquid's parse cannot fail on it. */
const LIQUID_OPENERS = ['{%', '{{'] as const;

/** Whether `text` (or a file's bytes) has a Liquid tag or output opener. */
export function hasLiquid(text: string | Buffer): boolean {
  return LIQUID_OPENERS.some((opener) => text.includes(opener));
}
