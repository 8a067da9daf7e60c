import base from './playwright.config.js'
export default { ...base, webServer: { ...(base.webServer as object), timeout: 300_000 }, timeout: 180_000 }
