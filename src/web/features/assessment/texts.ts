/** German texts of the assessment pages (merged into the web client's dictionary). */
export const assessmentDe = {} as const

/** English texts of the assessment pages; the same keys as the German ones. */
export const assessmentEn: Record<keyof typeof assessmentDe, string> = {}
