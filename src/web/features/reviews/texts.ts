/** German texts of the reviews pages (merged into the web client's dictionary). */
export const reviewsDe = {} as const

/** English texts of the reviews pages; the same keys as the German ones. */
export const reviewsEn: Record<keyof typeof reviewsDe, string> = {}
