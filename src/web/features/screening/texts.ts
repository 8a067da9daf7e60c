/** German texts of the screening pages (merged into the web client's dictionary). */
export const screeningDe = {} as const

/** English texts of the screening pages; the same keys as the German ones. */
export const screeningEn: Record<keyof typeof screeningDe, string> = {}
