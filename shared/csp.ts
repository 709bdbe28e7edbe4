/**
 * The Content-Security-Policy of every page of the app: our own scripts and styles only, images
 * from our origin and data: (the avatar preview is a data URL made by main), no remote content at
 * all. One definition for the desktop app's protocol handler and the browser harness, so the
 * harness catches a page that would break in the app. `renderer/index.html` repeats it in a meta
 * tag (minus `frame-ancestors`, which a meta tag cannot carry).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
].join('; ')
