/**
 * The most characters of a frame's text an error keeps in `raw`: enough to show what arrived, bounded so a
 * huge frame does not stay alive in every error that mentions it.
 * @internal
 */
export const MAX_RAW_CHARS = 4096
