/** The console's static files: the script compiles, and nothing in it can turn a value into markup. */
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { CONSOLE_HTML } from "../../src/console/page.ts";
import { CONSOLE_JS } from "../../src/console/script.ts";
import { CONSOLE_CSS } from "../../src/console/style.ts";

describe("console assets", () => {
  it("the script is valid JavaScript", () => {
    expect(() => new Script(CONSOLE_JS, { filename: "app.js" })).not.toThrow();
  });

  it("never writes HTML from a string, evaluates code or puts the token in a URL", () => {
    for (const sink of [
      "innerHTML",
      "outerHTML",
      "insertAdjacentHTML",
      "document.write",
      "eval(",
      "new Function",
      'setTimeout("',
      "?token",
      "&token",
      "localStorage",
    ]) {
      expect(CONSOLE_JS, sink).not.toContain(sink);
    }
  });

  it("the page loads only its own files, with no inline script or style", () => {
    expect(CONSOLE_HTML).toContain('<script src="/console/app.js" defer></script>');
    expect(CONSOLE_HTML).toContain('<link rel="stylesheet" href="/console/app.css">');
    expect(CONSOLE_HTML).not.toMatch(/<script>(?!<)|<style|\sstyle=|\son[a-z]+=|https?:\/\//);
    expect(CONSOLE_CSS).not.toMatch(/@import|url\((?!#)/);
  });
});
