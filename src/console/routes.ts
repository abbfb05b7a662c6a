/**
 * GET /console: a web page over the HTTP API, served by the Worker itself. The page holds no
 * secret (it asks for the token and keeps it in the tab's session storage), loads nothing from
 * another origin, and runs under a Content-Security-Policy that allows only its own script and
 * style files: no inline script, no inline style, no eval.
 */
import { Hono } from "hono";
import { CONSOLE_HTML } from "./page.ts";
import { CONSOLE_JS } from "./script.ts";
import { CONSOLE_CSS } from "./style.ts";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Two arrows through a ring: frames in, webhooks out. */
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f5fbf"/><path d="M7 12h14l-4-4M25 20H11l4 4" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>';

const HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cache-control": "no-cache",
};

const serve = (body: string, type: string) => () => new Response(body, { headers: { ...HEADERS, "content-type": `${type}; charset=utf-8` } });

export const consolePages = new Hono();

consolePages.get("/", serve(CONSOLE_HTML, "text/html"));
consolePages.get("/app.js", serve(CONSOLE_JS, "text/javascript"));
consolePages.get("/app.css", serve(CONSOLE_CSS, "text/css"));
consolePages.get("/icon.svg", serve(ICON_SVG, "image/svg+xml"));
