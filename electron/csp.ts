/**
 * Content-Security-Policy for pages served on app://. Like the browser-mode policy except that the
 * page has no business opening any connection: everything goes through IPC. Element Plus sets style
 * attributes at run time, hence 'unsafe-inline' for styles only.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
