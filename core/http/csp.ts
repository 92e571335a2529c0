/**
 * Content-Security-Policy for the browser-mode page. Scripts only from our own origin; Element Plus
 * sets style attributes at run time, hence 'unsafe-inline' for styles only.
 */
export const BROWSER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
