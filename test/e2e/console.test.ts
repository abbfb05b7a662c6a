/**
 * The console in a real browser: headless Chromium (Debian's `chromium`, driven by
 * playwright-core) against `wrangler dev`, the roomim simulator and the verifying sink.
 * Screenshots are taken in the same run; CONSOLE_SCREENSHOTS=docs writes them to docs/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, ROOT, startRelay, type Relay } from "../harness/relay.ts";
import { until } from "../harness/until.ts";
import { startRoomim, type RoomimSim } from "../sim/roomim.ts";
import { startSink, type Sink } from "../sim/sink.ts";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_BROWSER = existsSync(CHROMIUM);
if (!HAVE_BROWSER) console.warn(`console browser tests SKIPPED: no browser at ${CHROMIUM} (install Debian's chromium package; .ci/run does)`);

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const GROUP = "1858689382414958593";
const ID = "console-live";
const HOSTILE = "<img src=x onerror=alert(1)>";

let relay: Relay;
let roomim: RoomimSim;
let sink: Sink;
let persistTo: string;
let profile: string;
let shots: string;
let browser: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const consoleErrors: string[] = [];
const requested: string[] = [];

const row = (text: string) => page.locator("ul.events > li", { hasText: text });
const total = async (series: string) => Number(await page.locator(`svg[data-chart=traffic] g[data-series=${series}]`).getAttribute("data-total"));

describe.skipIf(!HAVE_BROWSER)("the console in headless Chromium", () => {
  beforeAll(async () => {
    persistTo = mkdtempSync(join(tmpdir(), "imrelay-console-"));
    profile = mkdtempSync(join(tmpdir(), "imrelay-chromium-"));
    shots = process.env.CONSOLE_SCREENSHOTS === "docs" ? join(ROOT, "docs") : mkdtempSync(join(tmpdir(), "imrelay-shots-"));
    mkdirSync(shots, { recursive: true });
    roomim = await startRoomim();
    sink = await startSink();
    relay = await startRelay({ persistTo, vars: { ACTION_TIMEOUT_MS: "3000" } });
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1280, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    page.on("request", (r) => requested.push(r.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await relay?.stop();
    await roomim?.close();
    await sink?.close();
    for (const dir of [persistTo, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
    if (shots && !shots.startsWith(ROOT)) rmSync(shots, { recursive: true, force: true });
  });

  it("serves the page under a strict Content-Security-Policy, without the token", async () => {
    const res = await fetch(`${relay.url}/console`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-type")).toContain("text/html");
    expect((await fetch(`${relay.url}/console/app.js`)).headers.get("content-type")).toContain("text/javascript");
  });

  it("signs in, and shows a new connection turn connected", async () => {
    await page.goto(`${relay.url}/console`);
    await page.getByLabel("API token").fill("wrong");
    await page.getByRole("button", { name: "Open the console" }).click();
    await expect.poll(() => page.locator("#signin-error").textContent()).toContain("not the relay's token");
    await page.getByLabel("API token").fill(relay.token);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Connections" }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem("imrelay.token"))).toBe(relay.token);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);

    sink.secret(ID, SECRET);
    const put = await relay.api(`/v1/connections/${ID}`, {
      method: "PUT",
      body: { platform: "roomim", upstream: { url: `${roomim.url}ws?token=${ID}` }, webhook: { url: sink.hookUrl(ID), secret: SECRET } },
    });
    expect(put.status).toBe(201);
    const card = page.locator(`[data-connection="${ID}"]`);
    await card.locator(".state", { hasText: "connected" }).waitFor({ timeout: 30_000 });
    await card.getByText("received").first().waitFor();
  });

  it("shows a pushed message live, and the chart counts it", async () => {
    await page.getByRole("link", { name: ID, exact: true }).click();
    await page.getByRole("heading", { name: ID }).waitFor();
    await row("connection.connected").waitFor();
    // The live log reads the event stream (fetch with the token in a header, never in the URL).
    await expect.poll(() => page.locator("section[aria-labelledby=events-title] [role=status]").textContent()).toBe("live: event stream");
    await page.locator("svg[data-chart=traffic]").waitFor();
    await until("the connected event counted", async () => (await total("received")) >= 1);
    const before = await total("received");
    roomim.message({ room: GROUP, text: "hello from the upstream" });
    await row("hello from the upstream").waitFor({ timeout: 15_000 });
    await until("the chart counting the message", async () => (await total("received")) === before + 1, 15_000);
    await row("hello from the upstream").locator("summary .badge", { hasText: "delivered" }).waitFor({ timeout: 15_000 });
  });

  it("shows a failed delivery with its error, and retries it from the page", async () => {
    // The receiver answers 410 Gone: the delivery fails for good and the webhook is disabled.
    sink.down(ID, 410);
    roomim.message({ room: GROUP, text: "this one fails at first" });
    const failing = row("this one fails at first");
    await failing.locator("summary .badge", { hasText: "failed" }).waitFor({ timeout: 20_000 });
    await failing.locator("summary").click();
    await failing.getByText("HTTP 410", { exact: true }).waitFor();
    await failing.getByText("410 Gone: the webhook is disabled", { exact: true }).waitFor();
    // Every attempt, from GET …/deliveries/{event_id}: so far the one answered 410.
    const attempts = failing.getByRole("list", { name: "Attempts" }).getByRole("listitem");
    await expect.poll(() => attempts.allTextContents()).toEqual([expect.stringMatching(/ · attempt 1 · HTTP 410 · 410 Gone: the webhook is disabled$/)]);
    await page.getByText("(disabled by 410 Gone)").waitFor();
    await until("the chart counting the failure", async () => (await total("failed")) === 1);
    await page.screenshot({ path: join(shots, "console-desktop.png"), fullPage: true });

    sink.down(ID, null);
    await page.getByRole("button", { name: "Re-enable the webhook" }).click();
    await page.getByRole("button", { name: "Re-enable the webhook" }).waitFor({ state: "hidden" });
    expect((await relay.api(`/v1/connections/${ID}`)).body.webhook.disabled).toBe(false);
    await failing.getByRole("button", { name: "Retry now" }).click();
    await failing.locator("summary .badge", { hasText: "delivered" }).waitFor({ timeout: 15_000 });
    // Both attempts listed, oldest first, each time in the viewer's time zone: 410 Gone, then 2xx (a requeue numbers from 1 again).
    await expect
      .poll(() => attempts.allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringMatching(/ · attempt 1 · HTTP 410 · 410 Gone: the webhook is disabled$/), expect.stringMatching(/ · attempt 1 · HTTP 2\d\d$/)]);
    expect(await attempts.locator("time").count()).toBe(2);
    const eventId = await failing.locator("details").getAttribute("data-event");
    expect(sink.verified(ID).some((d) => d.id === eventId)).toBe(true);
    await until("the chart counting the retried delivery", async () => (await total("delivered")) === 3);
  });

  it("sends a text message from the form", async () => {
    await page.getByLabel("Chat id", { exact: true }).fill(GROUP);
    await page.getByLabel("Message", { exact: true }).fill("sent from the console");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect.poll(() => page.locator("form .result").textContent(), { timeout: 15_000 }).toMatch(/^Sent: message \d{19}$/);
    expect(roomim.received.some((f) => f.text.includes('"msgText":"sent from the console"'))).toBe(true);
  });

  it("sends a webhook test and shows its delivery", async () => {
    await page.getByRole("button", { name: "Send a webhook test" }).click();
    await expect.poll(() => page.locator("section[aria-labelledby=conn-title] .result").textContent()).toMatch(/^Test event evt_[0-9A-Z]{26} stored/);
    const test = row("webhook.test");
    await test.locator("summary .badge", { hasText: "delivered" }).waitFor({ timeout: 15_000 });
    expect(sink.verified(ID).some((d) => (d.event as { type?: string } | undefined)?.type === "webhook.test")).toBe(true);
  });

  it("disables and enables the connection", async () => {
    const state = page.locator("section .state").first();
    await page.getByRole("button", { name: "Disable", exact: true }).click();
    await state.filter({ hasText: "disabled" }).waitFor({ timeout: 15_000 });
    expect((await relay.api(`/v1/connections/${ID}`)).body.enabled).toBe(false);
    await page.getByRole("button", { name: "Enable", exact: true }).click();
    await state.filter({ hasText: "connected" }).waitFor({ timeout: 30_000 });
  });

  it("shows a hostile message as text: no element, no script", async () => {
    roomim.message({ room: GROUP, text: HOSTILE });
    const hostile = row(HOSTILE);
    await hostile.waitFor({ timeout: 15_000 });
    expect(await hostile.locator(".text").textContent()).toContain(HOSTILE);
    await hostile.locator("summary").click();
    expect(await hostile.locator("pre").textContent()).toContain(HOSTILE);
    expect(await page.locator("img, iframe, object, embed").count()).toBe(0);
    await page.waitForTimeout(500); // an onerror handler would have fired by now
    expect(dialogs).toEqual([]);
  });

  it("filters by type, works from the keyboard, and reads at 360 px", async () => {
    const all = await page.locator("ul.events > li").count();
    await page.getByLabel("Filter by type").selectOption("connection.connected");
    await expect.poll(() => page.locator("ul.events > li:visible").count()).toBe(2); // the first connect and the one after Enable
    expect(await page.locator("ul.events > li:visible .type").allTextContents()).toEqual(["connection.connected", "connection.connected"]);
    await page.getByLabel("Filter by type").selectOption("message.*");
    await expect.poll(() => page.locator("ul.events > li:visible").count()).toBe(3);
    expect(all).toBe(6); // with the webhook test
    await page.getByLabel("Filter by type").selectOption("");
    // Keyboard: focus an event's summary and open it with Enter.
    const oldest = page.locator("ul.events details").last();
    expect(await oldest.getAttribute("open")).toBeNull();
    await oldest.locator("summary").focus();
    await page.keyboard.press("Enter");
    expect(await oldest.getAttribute("open")).not.toBeNull();
    await oldest.getByRole("button", { name: /^Copy event id/ }).waitFor();
    await page.getByRole("button", { name: "Last 24 hours" }).click();
    await expect.poll(() => page.locator("svg[data-chart=traffic]").getAttribute("aria-label")).toContain("Last 24 hours");

    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByRole("button", { name: "Last hour" }).click();
    await expect.poll(() => page.locator("svg[data-chart=traffic]").getAttribute("aria-label")).toContain("Last hour");
    const opened = page.locator("ul.events details[open] > summary");
    while ((await opened.count()) > 0) await opened.first().click();
    await page.getByLabel("Chat id", { exact: true }).fill(GROUP);
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(shots, "console-mobile.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 640 });
    await page.getByRole("link", { name: "All connections" }).click();
    await page.locator(`[data-connection="${ID}"] .state`, { hasText: "connected" }).waitFor();
    // A second connection whose upstream is not there: backing off, with the error shown.
    sink.secret("console-down", SECRET);
    await relay.api("/v1/connections/console-down", {
      method: "PUT",
      body: { platform: "roomim", upstream: { url: `ws://127.0.0.1:${await freePort()}/ws` }, webhook: { url: sink.hookUrl("console-down"), secret: SECRET } },
    });
    const down = page.locator('[data-connection="console-down"]');
    await down.locator(".state", { hasText: "backoff" }).waitFor({ timeout: 30_000 });
    expect(await down.locator("dd.error").textContent()).not.toBe("");
    await page.screenshot({ path: join(shots, "console-list.png") });
    // The list redraws every few seconds; the control with keyboard focus keeps it.
    await page.getByRole("button", { name: `Reconnect ${ID}` }).focus();
    const updated = page.locator("main .spread > p.muted");
    const stamp = await updated.textContent();
    await expect.poll(() => updated.textContent(), { timeout: 15_000 }).not.toBe(stamp);
    expect(await page.evaluate<string | null>("document.activeElement.getAttribute('data-focus')")).toBe(`reconnect ${ID}`);
    expect(consoleErrors.filter((e) => !e.includes("401"))).toEqual([]);
    expect(requested.some((u) => u.includes("/events/stream"))).toBe(true);
    expect(requested.filter((u) => u.includes(relay.token))).toEqual([]);
    expect(requested.every((u) => u.startsWith(relay.url))).toBe(true); // nothing from another origin
  });
});
