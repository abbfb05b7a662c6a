/**
 * The console's script, served as /console/app.js (CSP: script-src 'self'). Plain browser
 * JavaScript, no build step. Every value that comes from the relay or the upstream is put
 * on the page as text (textContent, text nodes, SVG <title>): nothing is parsed as HTML.
 * The token lives in sessionStorage and travels only in the Authorization header, never in a URL.
 */
export const CONSOLE_JS = String.raw`"use strict";
(function () {
  var TOKEN_KEY = "imrelay.token";
  var MAX_EVENTS = 300;
  var RESUME_MS = 2000;
  var REFRESH_MS = 3000;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var WINDOWS = { "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days" };

  // --- small helpers ---------------------------------------------------------------------

  var $ = function (id) { return document.getElementById(id); };
  var token = function () { return sessionStorage.getItem(TOKEN_KEY); };
  var enc = encodeURIComponent;

  /** An element with attributes, handlers (on*) and children; strings become text nodes. */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    setAttrs(el, attrs);
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function s(tag, attrs) {
    var el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function setAttrs(el, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = String(v);
      else if (k.slice(0, 2) === "on" && typeof v === "function") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    });
  }
  /** Appends each child (nodes, text, arrays of them; null and false are skipped). */
  function append(el) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (c) { append(el, c); });
      else el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
    }
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

  function sleep(ms, signal) {
    return new Promise(function (resolve) {
      var t = setTimeout(resolve, ms);
      if (signal) signal.addEventListener("abort", function () { clearTimeout(t); resolve(); }, { once: true });
    });
  }

  // Times in the viewer's own time zone and locale.
  function when(ms, style) {
    if (ms === null || ms === undefined) return h("span", { class: "muted", text: "—" });
    var d = new Date(ms);
    var text = style === "time" ? d.toLocaleTimeString() : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
    return h("time", { datetime: d.toISOString(), title: d.toString(), text: text });
  }
  function ago(ms) {
    var s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    if (s < 60) return s + " s ago";
    if (s < 3600) return Math.round(s / 60) + " min ago";
    if (s < 86400) return Math.round(s / 3600) + " h ago";
    return Math.round(s / 86400) + " d ago";
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function notice(text) { $("notice").textContent = text || ""; }

  /** An id shown as code with a button that copies it. */
  function copyable(id, label) {
    var code = h("code", { text: id });
    return h("span", { class: "id" }, code, copyButton(id, label, code));
  }

  /** A button that copies text to the clipboard, or selects it in 'code' where the clipboard is unavailable. */
  function copyButton(id, label, code) {
    var button = h("button", { type: "button", class: "small secondary", "aria-label": "Copy " + (label || "id") + " " + id, text: "Copy" });
    button.addEventListener("click", function () {
      var done = function (text) { button.textContent = text; setTimeout(function () { button.textContent = "Copy"; }, 1500); };
      var select = function () {
        var range = document.createRange();
        range.selectNodeContents(code);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        done("Selected: press Ctrl+C");
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(id).then(function () { done("Copied"); }, select);
      else select();
    });
    return button;
  }

  var STATE_MARK = { connected: "\u25CF", connecting: "\u25CC", backoff: "\u21BB", failed: "\u2715", disabled: "\u2016" };
  function stateBadge(state) {
    return h("span", { class: "state state-" + state }, h("span", { "aria-hidden": "true", text: STATE_MARK[state] || "?" }), state);
  }

  // --- the API -----------------------------------------------------------------------------

  function ApiError(status, body) {
    this.status = status;
    this.body = body;
    var detail = body && typeof body === "object" ? body.detail || body.title : body;
    var fields = body && Array.isArray(body.errors) ? body.errors.map(function (e) { return (e.path || "(body)") + ": " + e.message; }).join("; ") : "";
    this.message = status + " " + (detail || "error") + (fields ? " (" + fields + ")" : "");
  }

  async function api(path, opts) {
    opts = opts || {};
    var headers = { authorization: "Bearer " + token() };
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    if (opts.headers) Object.keys(opts.headers).forEach(function (k) { headers[k] = opts.headers[k]; });
    var res = await fetch(path, {
      method: opts.method || (opts.body !== undefined ? "POST" : "GET"),
      headers: headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
      cache: "no-store",
    });
    var text = await res.text();
    var body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = text; }
    if (res.status === 401 && !opts.signingIn) signOut("The relay refused the token (401). Sign in again.");
    if (!res.ok) throw new ApiError(res.status, body);
    return body;
  }
  var connPath = function (id) { return "/v1/connections/" + enc(id); };

  // --- sign-in and routing -------------------------------------------------------------

  var current = null; // the AbortController of the view on screen

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    if (current) current.abort();
    current = null;
    clear($("view"));
    $("signout").hidden = true;
    $("signin").hidden = false;
    $("signin-error").textContent = message || "";
    $("token").value = "";
    $("token").focus();
  }

  async function signIn(event) {
    event.preventDefault();
    var value = $("token").value.trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    try {
      await api("/v1/connections", { signingIn: true });
    } catch (err) {
      sessionStorage.removeItem(TOKEN_KEY);
      $("signin-error").textContent = err.status === 401 ? "That token is not the relay's token." : "The relay answered " + err.message;
      return;
    }
    $("token").value = "";
    $("signin-error").textContent = "";
    route();
  }

  function route() {
    if (current) current.abort();
    current = null;
    notice("");
    if (!token()) { signOut(""); return; }
    $("signin").hidden = true;
    $("signout").hidden = false;
    var controller = new AbortController();
    current = controller;
    var match = /^#\/c\/([a-z0-9][a-z0-9_-]{0,62})$/.exec(location.hash);
    var view = clear($("view"));
    if (match) showConnection(view, match[1], controller.signal);
    else showList(view, controller.signal);
  }

  // --- the connection list -----------------------------------------------------------------

  function counters(stats) {
    return h("div", { class: "counters" },
      ["received", "delivered", "pending", "failed"].map(function (k) {
        return h("div", null, h("b", { text: stats[k] }), h("span", { text: k }));
      }));
  }

  function statusFacts(c) {
    var st = c.status;
    return h("dl", { class: "facts" },
      h("dt", { text: "Since" }), h("dd", null, when(st.since), " (" + ago(st.since) + ")"),
      st.attempt ? [h("dt", { text: "Attempt" }), h("dd", { text: st.attempt })] : null,
      st.retry_at ? [h("dt", { text: "Next dial" }), h("dd", null, when(st.retry_at))] : null,
      h("dt", { text: "Last error" }), h("dd", { class: st.last_error ? "error" : "muted", text: st.last_error || "none" }),
      h("dt", { text: "Webhook" }), h("dd", null, h("span", { class: "mono", text: c.webhook.url }), c.webhook.disabled ? h("strong", { class: "error", text: " (disabled by 410 Gone)" }) : null));
  }

  async function reconnect(id, button) {
    button.disabled = true;
    try {
      await api(connPath(id) + "/reconnect", { method: "POST" });
      notice("Reconnecting " + id + "…");
    } catch (err) {
      notice("Reconnect " + id + ": " + err.message);
    } finally {
      button.disabled = false;
    }
  }

  function connectionCard(c) {
    var button = h("button", { type: "button", class: "secondary", text: "Reconnect", "aria-label": "Reconnect " + c.id, "data-focus": "reconnect " + c.id });
    button.addEventListener("click", function () { reconnect(c.id, button); });
    return h("article", { class: "card", "data-connection": c.id, "aria-labelledby": "conn-" + c.id },
      h("div", { class: "spread" },
        h("h2", { id: "conn-" + c.id }, h("a", { href: "#/c/" + c.id, text: c.id, "data-focus": "title " + c.id })),
        stateBadge(c.status.state)),
      h("p", { class: "muted", text: c.platform + (c.enabled ? "" : " · disabled") }),
      statusFacts(c),
      counters(c.stats),
      h("div", { class: "row" }, h("a", { href: "#/c/" + c.id, text: "Events, deliveries and charts", "data-focus": "open " + c.id }), button));
  }

  async function showList(view, signal) {
    var heading = h("h1", { text: "Connections" });
    var grid = h("div", { class: "grid" });
    var updated = h("p", { class: "muted" });
    append(view, h("div", { class: "spread" }, heading, updated), grid);
    document.title = "Connections · imrelay console";
    while (!signal.aborted) {
      try {
        var list = (await api("/v1/connections", { signal: signal })).connections;
        // Redrawn every few seconds: the control that had focus gets it back.
        var focusKey = grid.contains(document.activeElement) ? document.activeElement.getAttribute("data-focus") : null;
        clear(grid);
        if (list.length === 0) append(grid, h("p", { class: "card", text: "No connections yet. Create one with PUT /v1/connections/{id}." }));
        list.sort(function (a, b) { return a.id < b.id ? -1 : 1; }).forEach(function (c) { append(grid, connectionCard(c)); });
        if (focusKey) {
          var again = Array.prototype.find.call(grid.querySelectorAll("[data-focus]"), function (el) { return el.getAttribute("data-focus") === focusKey; });
          if (again) again.focus();
        }
        updated.textContent = "Updated " + new Date().toLocaleTimeString();
      } catch (err) {
        if (signal.aborted) return;
        updated.textContent = "Could not refresh: " + err.message;
      }
      await sleep(REFRESH_MS * 2, signal);
    }
  }

  // --- live events: the event stream, read with fetch ------------------------------------

  /**
   * Reads GET …/events/stream (Server-Sent Events) with fetch, so that the token goes in the
   * Authorization header (EventSource cannot send one). Resumes after the last event seen.
   */
  async function streamFeed(id, onEvents, onState, signal) {
    var after = null;
    while (!signal.aborted) {
      try {
        var res = await fetch(connPath(id) + "/events/stream" + (after ? "?after=" + after : ""), {
          headers: { authorization: "Bearer " + token(), accept: "text/event-stream" },
          cache: "no-store",
          signal: signal,
        });
        if (res.status === 401) { signOut("The relay refused the token (401). Sign in again."); return; }
        if (!res.ok || !res.body) throw new Error("HTTP " + res.status);
        onState("live: event stream");
        var reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        var parser = sseParser(function (message) {
          if (!message.data) return;
          var event = JSON.parse(message.data);
          after = message.id || event.id;
          return event;
        });
        for (;;) {
          var chunk = await reader.read();
          if (chunk.done) break;
          var events = parser(chunk.value);
          if (events.length) onEvents(events);
        }
        onState("reconnecting (the stream ended)");
      } catch (err) {
        if (signal.aborted) return;
        onState("reconnecting (" + err.message + ")");
      }
      await sleep(RESUME_MS, signal);
    }
  }

  /** An SSE parser (WHATWG event-stream format): feed it text, get back what onMessage returned per message. */
  function sseParser(onMessage) {
    var buffer = "";
    var data = [];
    var id = null;
    return function (text) {
      buffer += text;
      var out = [];
      for (;;) {
        var m = /\r\n|\r|\n/.exec(buffer);
        if (!m || (m[0] === "\r" && m.index === buffer.length - 1)) break; // a lone CR may be half of CRLF
        var line = buffer.slice(0, m.index);
        buffer = buffer.slice(m.index + m[0].length);
        if (line === "") {
          if (data.length) {
            var value = onMessage({ id: id, data: data.join("\n") });
            if (value !== undefined) out.push(value);
          }
          data = [];
          continue;
        }
        if (line.charAt(0) === ":") continue;
        var colon = line.indexOf(":");
        var field = colon < 0 ? line : line.slice(0, colon);
        var v = colon < 0 ? "" : line.slice(colon + 1);
        if (v.charAt(0) === " ") v = v.slice(1);
        if (field === "data") data.push(v);
        else if (field === "id") id = v;
      }
      return out;
    };
  }

  // --- one connection ---------------------------------------------------------------------

  /** The event id just before this one (ids sort as text), for ?after= to start at this one. */
  function before(eventId) {
    var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    var chars = eventId.split("");
    for (var i = chars.length - 1; i >= 4; i--) {
      var at = ALPHABET.indexOf(chars[i]);
      if (at > 0) { chars[i] = ALPHABET.charAt(at - 1); return chars.join(""); }
      chars[i] = "Z";
    }
    return null;
  }

  function eventText(e) {
    var d = e.data || {};
    if (d.message && typeof d.message.text === "string") return (d.message.sender && d.message.sender.id ? d.message.sender.id + ": " : "") + d.message.text;
    if (typeof d.text === "string") return d.text;
    if (d.reason) return String(d.reason);
    if (d.request && d.request.user) return "from " + d.request.user.id;
    if (d.user && d.user.id) return "user " + d.user.id;
    if (d.group && d.group.id) return "group " + d.group.id;
    if (d.chat && d.chat.id) return "chat " + d.chat.id;
    return "";
  }

  function deliveryBadge(d) {
    if (!d) return h("span", { class: "badge badge-none", text: "not delivered" });
    var label = d.status === "pending" && d.attempts > 0 ? "retrying" : d.status;
    var mark = { delivered: "\u2713 ", pending: "\u2026 ", retrying: "\u21BB ", failed: "\u2715 " }[label] || "";
    return h("span", { class: "badge badge-" + d.status, text: mark + label });
  }

  function showConnection(view, id, signal) {
    document.title = id + " · imrelay console";
    var conn = null;
    var events = []; // ascending by id, at most MAX_EVENTS
    var rows = new Map(); // event id → { li, event, badgeSlot, detail }
    var deliveries = new Map();
    var types = new Set();
    var windowName = "1h";

    // Header and actions.
    var titleText = h("span", { text: id });
    var badgeSlot = h("span");
    var facts = h("div");
    var countSlot = h("div");
    var toggle = h("button", { type: "button", class: "secondary", text: "Disable" });
    var reconnectButton = h("button", { type: "button", class: "secondary", text: "Reconnect" });
    var testButton = h("button", { type: "button", class: "secondary", text: "Send a webhook test" });
    var retryAll = h("button", { type: "button", class: "secondary", text: "Retry failed deliveries", disabled: true });
    var reenable = h("button", { type: "button", text: "Re-enable the webhook", hidden: true });
    var actionResult = h("p", { class: "result", role: "status" });
    append(view,
      h("p", null, h("a", { href: "#/", text: "\u2190 All connections" })),
      h("section", { class: "card", "aria-labelledby": "conn-title" },
        h("div", { class: "spread" }, h("div", null, h("div", { class: "row" }, h("h1", { id: "conn-title" }, titleText), copyButton(id, "connection id", titleText)), h("p", { class: "muted", id: "conn-platform" })), badgeSlot),
        facts, countSlot,
        h("div", { class: "row" }, reenable, toggle, reconnectButton, testButton, retryAll),
        actionResult));

    reconnectButton.addEventListener("click", function () { reconnect(id, reconnectButton); });
    toggle.addEventListener("click", async function () {
      if (!conn) return;
      toggle.disabled = true;
      try {
        conn = await api(connPath(id), { method: "PATCH", body: { enabled: !conn.enabled } });
        actionResult.textContent = conn.enabled ? "Enabled: the session dials the upstream." : "Disabled: the upstream session is closed.";
        drawHeader();
      } catch (err) {
        actionResult.textContent = "Could not change it: " + err.message;
      } finally {
        toggle.disabled = false;
      }
    });
    testButton.addEventListener("click", async function () {
      testButton.disabled = true;
      try {
        var r = await api(connPath(id) + "/webhook/test", { method: "POST" });
        actionResult.textContent = "Test event " + r.event_id + " stored; its delivery shows in the log below.";
      } catch (err) {
        actionResult.textContent = "Webhook test: " + err.message;
      } finally {
        testButton.disabled = false;
      }
    });
    retryAll.addEventListener("click", function () { retry(null, retryAll); });
    reenable.addEventListener("click", async function () {
      reenable.disabled = true;
      try {
        conn = await api(connPath(id), { method: "PATCH", body: { webhook: { disabled: false } } });
        actionResult.textContent = "The webhook is enabled again; pending deliveries resume. Failed ones wait for a retry.";
        drawHeader();
      } catch (err) {
        actionResult.textContent = "Could not re-enable the webhook: " + err.message;
      } finally {
        reenable.disabled = false;
      }
    });

    function drawHeader() {
      if (!conn) return;
      $("conn-platform").textContent = conn.platform + " · " + (conn.enabled ? "enabled" : "disabled");
      clear(badgeSlot).appendChild(stateBadge(conn.status.state));
      clear(facts).appendChild(statusFacts(conn));
      clear(countSlot).appendChild(counters(conn.stats));
      toggle.textContent = conn.enabled ? "Disable" : "Enable";
      reenable.hidden = !conn.webhook.disabled;
      retryAll.disabled = conn.stats.failed === 0;
      retryAll.textContent = conn.stats.failed ? "Retry " + plural(conn.stats.failed, "failed delivery").replace("deliverys", "deliveries") : "No failed deliveries";
    }

    async function retry(eventIds, button) {
      if (button) button.disabled = true;
      try {
        var r = await api(connPath(id) + "/deliveries/retry", { body: eventIds ? { event_ids: eventIds } : {} });
        actionResult.textContent = "Requeued " + plural(r.requeued, "delivery").replace("deliverys", "deliveries") + ".";
        refresh();
      } catch (err) {
        actionResult.textContent = "Retry: " + err.message;
        if (button) button.disabled = false;
      }
    }

    // Charts.
    var chartTitle = h("h2", { id: "charts-title", text: "Traffic" });
    var tabs = h("div", { class: "tabs", role: "group", "aria-label": "Time window" });
    var chartSlot = h("div");
    Object.keys(WINDOWS).forEach(function (w) {
      var b = h("button", { type: "button", "aria-pressed": String(w === windowName), text: WINDOWS[w], "data-window": w });
      b.addEventListener("click", function () {
        windowName = w;
        tabs.querySelectorAll("button").forEach(function (x) { x.setAttribute("aria-pressed", String(x === b)); });
        drawStats();
      });
      tabs.appendChild(b);
    });

    // Events and their deliveries.
    var filter = h("select", { id: "type-filter" }, h("option", { value: "", text: "All types" }));
    var liveState = h("span", { class: "muted", role: "status", text: "connecting…" });
    var list = h("ul", { class: "events", "aria-label": "Events, newest first" });
    var empty = h("p", { class: "muted", text: "No events yet." });
    filter.addEventListener("change", applyFilter);

    // Sending a message.
    var chatType = h("select", { id: "send-chat-type", name: "chat-type" }, h("option", { value: "group", text: "group" }), h("option", { value: "private", text: "private" }));
    var chatId = h("input", { id: "send-chat-id", name: "chat-id", required: true, spellcheck: "false", autocomplete: "off", inputmode: "numeric" });
    var text = h("textarea", { id: "send-text", name: "text", required: true });
    var sendResult = h("p", { class: "result", role: "status" });
    var send = h("form", { class: "inline-form", "aria-labelledby": "send-title" },
      h("label", { for: "send-chat-type", text: "Chat type" }), chatType,
      h("label", { for: "send-chat-id", text: "Chat id" }), chatId,
      h("label", { for: "send-text", class: "full", text: "Message" }), h("div", { class: "full" }, text),
      h("div", { class: "full" }, h("button", { type: "submit", text: "Send message" }), sendResult));
    send.addEventListener("submit", async function (e) {
      e.preventDefault();
      var button = send.querySelector("button[type=submit]");
      button.disabled = true;
      sendResult.textContent = "Sending…";
      try {
        var r = await api(connPath(id) + "/actions/message.create", {
          body: { chat: { type: chatType.value, id: chatId.value.trim() }, content: text.value },
          headers: { "idempotency-key": crypto.randomUUID() },
        });
        sendResult.textContent = r.message_id ? "Sent: message " + r.message_id : "Sent (the platform gives no message id).";
        text.value = "";
      } catch (err) {
        sendResult.textContent = "Not sent: " + err.message;
      } finally {
        button.disabled = false;
      }
    });

    append(view,
      h("section", { class: "card", "aria-labelledby": "charts-title" }, h("div", { class: "spread" }, chartTitle, tabs), chartSlot),
      h("div", { class: "split" },
        h("section", { class: "card", "aria-labelledby": "events-title" },
          h("div", { class: "spread" }, h("h2", { id: "events-title", text: "Events" }), liveState),
          h("div", { class: "filters" }, h("div", null, h("label", { for: "type-filter", text: "Filter by type" }), filter)),
          empty, list),
        h("section", { class: "card", "aria-labelledby": "send-title" }, h("h2", { id: "send-title", text: "Send a text message" }), send)));

    function addType(type) {
      var patterns = [type, type.split(".")[0] + ".*"];
      patterns.forEach(function (p) {
        if (types.has(p)) return;
        types.add(p);
        var options = Array.prototype.slice.call(filter.options, 1);
        var next = options.find(function (o) { return o.value > p; });
        filter.insertBefore(h("option", { value: p, text: p }), next || null);
      });
    }
    function matches(type) {
      var f = filter.value;
      if (!f) return true;
      return f.slice(-2) === ".*" ? type.indexOf(f.slice(0, -1)) === 0 : type === f;
    }
    function applyFilter() {
      rows.forEach(function (row) { row.li.hidden = !matches(row.event.type); });
      empty.hidden = events.some(function (e) { return matches(e.type); });
      empty.textContent = events.length ? "No events of this type." : "No events yet.";
    }

    function eventRow(e) {
      var badge = h("span", { class: "badge-slot" });
      var detail = h("div", { class: "detail" });
      var details = h("details", { "data-event": e.id },
        h("summary", null,
          h("span", { class: "when" }, when(e.timestamp, "time")),
          h("span", { class: "type", text: e.type }),
          h("span", { class: "text", text: eventText(e) }),
          badge),
        detail);
      var row = { li: h("li", null, details), event: e, badge: badge, detail: detail, details: details };
      details.addEventListener("toggle", function () { if (details.open) drawDetail(row); });
      drawBadge(row);
      return row;
    }
    function drawBadge(row) { clear(row.badge).appendChild(deliveryBadge(deliveries.get(row.event.id))); }

    function drawDetail(row) {
      var e = row.event;
      var d = deliveries.get(e.id);
      var delivery;
      if (!d) {
        delivery = h("p", { class: "muted", text: "No webhook delivery: the connection's webhook.events does not include this type." });
      } else {
        var canRetry = d.status === "failed" || (d.status === "pending" && d.attempts > 0);
        var retryOne = canRetry ? h("button", { type: "button", class: "small", text: "Retry now" }) : null;
        if (retryOne) retryOne.addEventListener("click", function () { retry([e.id], retryOne); });
        delivery = h("div", null,
          h("dl", { class: "facts" },
            h("dt", { text: "Status" }), h("dd", null, deliveryBadge(d)),
            h("dt", { text: "Attempts" }), h("dd", { text: d.attempts }),
            h("dt", { text: "Last answer" }), h("dd", { text: d.last_status === null ? "—" : "HTTP " + d.last_status }),
            h("dt", { text: "Last error" }), h("dd", { class: d.last_error ? "error" : "muted", text: d.last_error || "none" }),
            d.next_attempt_at ? [h("dt", { text: "Next attempt" }), h("dd", null, when(d.next_attempt_at))] : null,
            d.delivered_at ? [h("dt", { text: "Delivered" }), h("dd", null, when(d.delivered_at), " (" + (d.delivered_at - e.timestamp) + " ms after the event)")] : null),
          retryOne,
          h("h4", { text: "Attempts" }),
          attemptList(row));
      }
      var chat = e.data && e.data.message && e.data.message.chat;
      var reply = null;
      if (chat && chat.id) {
        reply = h("button", { type: "button", class: "small secondary", text: "Reply in this chat" });
        reply.addEventListener("click", function () { chatType.value = chat.type === "private" ? "private" : "group"; chatId.value = chat.id; text.focus(); });
      }
      clear(row.detail);
      append(row.detail,
        h("dl", { class: "facts" },
          h("dt", { text: "Event" }), h("dd", null, copyable(e.id, "event id")),
          h("dt", { text: "Time" }), h("dd", null, when(e.timestamp)),
          chat ? [h("dt", { text: "Chat" }), h("dd", null, copyable(chat.id, "chat id"), " " + chat.type)] : null,
          e.data && e.data.message && e.data.message.id ? [h("dt", { text: "Message" }), h("dd", null, copyable(e.data.message.id, "message id"))] : null),
        reply,
        h("h3", { text: "Delivery" }), delivery,
        h("h3", { text: "Event JSON" }), h("pre", { tabindex: "0", "aria-label": "Event JSON", text: JSON.stringify(e, null, 2) }));
    }

    // Every attempt kept for the event (GET …/deliveries/{event_id}), each as one line of text.
    function attemptList(row) {
      var list = h("ol", { class: "attempts", "aria-label": "Attempts", "aria-busy": "true" }, h("li", { class: "muted", text: "Loading…" }));
      var load = (row.attemptsLoad || 0) + 1;
      row.attemptsLoad = load;
      row.attempts = list;
      api(connPath(id) + "/deliveries/" + enc(row.event.id), { signal: signal }).then(function (r) {
        if (row.attemptsLoad !== load) return;
        clear(list).setAttribute("aria-busy", "false");
        if (!r.attempts.length) append(list, h("li", { class: "muted", text: "None yet." }));
        r.attempts.forEach(function (a) {
          var answer = a.status === null ? "no answer" : "HTTP " + a.status;
          append(list, h("li", { class: a.error ? "error" : null },
            when(a.at), h("span", { text: " · attempt " + a.attempt + " · " + answer + (a.error ? " · " + a.error : "") })));
        });
      }, function (err) {
        if (signal.aborted || row.attemptsLoad !== load) return;
        clear(list).setAttribute("aria-busy", "false");
        append(list, h("li", { class: "error", text: "Attempts could not be loaded: " + err.message }));
      });
      return list;
    }

    function addEvents(batch) {
      // A catch-up page can hold a thousand events; only the newest MAX_EVENTS get rows.
      batch.slice(-MAX_EVENTS).forEach(function (e) {
        if (rows.has(e.id)) return;
        events.push(e);
        var row = eventRow(e);
        rows.set(e.id, row);
        list.insertBefore(row.li, list.firstChild);
        addType(e.type);
      });
      while (events.length > MAX_EVENTS) {
        var old = events.shift();
        var gone = rows.get(old.id);
        if (gone) { gone.li.remove(); rows.delete(old.id); }
      }
      applyFilter();
      refresh();
    }

    // Refreshing state, deliveries and stats.
    var refreshing = null;
    var again = false;
    function refresh() {
      if (refreshing) { again = true; return refreshing; }
      refreshing = (async function () {
        do {
          again = false;
          try {
            // The charts are a view of their own: a relay without GET …/stats still shows the rest.
            var statsLoad = api(connPath(id) + "/stats?window=" + windowName, { signal: signal }).catch(function (err) { return { error: err }; });
            var loads = [api(connPath(id), { signal: signal }), statsLoad];
            if (events.length) loads.push(api(connPath(id) + "/deliveries?limit=1000&after=" + before(events[0].id), { signal: signal }));
            var got = await Promise.all(loads);
            conn = got[0];
            drawHeader();
            if (got[1].error) {
              if (signal.aborted) return;
              clear(chartSlot).appendChild(h("p", { class: "muted", text: "Charts unavailable: " + got[1].error.message }));
            } else {
              stats = got[1];
              drawStats();
            }
            if (got[2]) {
              got[2].deliveries.forEach(function (d) {
                var old = deliveries.get(d.event_id);
                deliveries.set(d.event_id, d);
                var row = rows.get(d.event_id);
                if (row && JSON.stringify(old) !== JSON.stringify(d)) {
                  drawBadge(row);
                  // A control in the open detail keeps its focus: only the attempt list is redrawn then.
                  if (row.details.open && !row.detail.contains(document.activeElement)) drawDetail(row);
                  else if (row.details.open && row.attempts && row.attempts.isConnected) row.attempts.replaceWith(attemptList(row));
                }
              });
            }
          } catch (err) {
            if (signal.aborted) return;
            if (err.status === 404) { clear(view).appendChild(h("p", { class: "card", text: "No connection named " + id + "." })); return; }
            notice("Could not refresh: " + err.message);
          }
        } while (again && !signal.aborted);
      })().finally(function () { refreshing = null; });
      return refreshing;
    }

    var stats = null;
    function drawStats() {
      if (!stats) return;
      if (stats.window !== windowName) { refresh(); return; }
      var W = Math.max(260, Math.floor(chartSlot.clientWidth || 640));
      drawnWidth = W;
      clear(chartSlot);
      append(chartSlot, trafficChart(stats, W), latencyChart(stats, W));
    }
    // Charts are drawn at the width they are shown at, so that their text stays readable at 360 px.
    var drawnWidth = 0;
    var resized = new ResizeObserver(function () {
      if (Math.abs((chartSlot.clientWidth || 0) - drawnWidth) > 8) drawStats();
    });
    resized.observe(chartSlot);
    signal.addEventListener("abort", function () { resized.disconnect(); });

    streamFeed(id, addEvents, function (state) { if (liveState.textContent !== state) liveState.textContent = state; }, signal);
    (async function () {
      while (!signal.aborted) {
        await refresh();
        await sleep(REFRESH_MS, signal);
      }
    })();
  }

  // --- charts: inline SVG, told apart by position, pattern, line style and labels, never colour alone ---

  function bucketLabel(at, bucketMs) {
    var d = new Date(at);
    return bucketMs >= 7200000 ? d.toLocaleString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" }) : d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  }
  function sum(series, key) { return series.reduce(function (n, b) { return n + b[key]; }, 0); }

  function patterns() {
    return s("defs", null,
      s("pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
        s("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "pattern-line" })),
      s("pattern", { id: "cross", width: 5, height: 5, patternUnits: "userSpaceOnUse" },
        s("path", { d: "M0 0L5 5M5 0L0 5", class: "pattern-line" })));
  }

  function xAxis(series, bucketMs, left, width, y) {
    var n = series.length;
    var mid = Math.floor(n / 2);
    return s("g", { "aria-hidden": "true" },
      s("text", { x: left, y: y + 15, text: bucketLabel(series[0].at, bucketMs) }),
      s("text", { x: left + (mid + 0.5) * (width / n), y: y + 15, "text-anchor": "middle", text: bucketLabel(series[mid].at, bucketMs) }),
      s("text", { x: left + width, y: y + 15, "text-anchor": "end", text: "now" }));
  }

  function perBucket(bucketMs) { return bucketMs >= 3600000 ? bucketMs / 3600000 + " h" : bucketMs / 60000 + " min"; }

  /** Events received, delivered and failed per bucket: three rows of bars, each labelled, told apart by fill pattern too. */
  function trafficChart(stats, W) {
    var series = stats.series;
    var kinds = [
      { key: "received", label: "Received", cls: "bar" },
      { key: "delivered", label: "Delivered", cls: "bar bar-delivered" },
      { key: "failed", label: "Failed", cls: "bar bar-failed" },
    ];
    var rowH = 34, labelH = 20, gap = 12, width = W - 2;
    var bw = width / series.length;
    var per = perBucket(stats.bucket_ms);
    var totals = kinds.map(function (k) { return sum(series, k.key); });
    var summary = WINDOWS[stats.window] + ": " + totals[0] + " events received, " + totals[1] + " deliveries succeeded, " + totals[2] + " failed (buckets of " + per + ").";
    var axisY = kinds.length * (labelH + rowH + gap) - gap;
    var H = axisY + 20;
    var svg = s("svg", { class: "chart", width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": summary, "data-chart": "traffic" },
      s("title", { text: summary }), patterns());
    kinds.forEach(function (k, r) {
      var y0 = r * (labelH + rowH + gap);
      var base = y0 + labelH + rowH;
      var max = Math.max.apply(null, series.map(function (b) { return b[k.key]; }));
      var g = s("g", { "data-series": k.key, "data-total": totals[r] });
      g.appendChild(s("text", { x: 0, y: y0 + 13 },
        s("tspan", { "font-weight": "700", text: k.label }),
        s("tspan", { dx: 8, text: totals[r] + " total" }),
        max ? s("tspan", { dx: 8, class: "muted", text: "peak " + max + " per " + per }) : null));
      g.appendChild(s("line", { x1: 0, x2: width, y1: base, y2: base, class: "axis" }));
      series.forEach(function (b, i) {
        var v = b[k.key];
        if (!v) return;
        var hgt = Math.max(2, (v / max) * rowH);
        g.appendChild(s("rect", { x: (i * bw + bw * 0.1).toFixed(2), y: (base - hgt).toFixed(2), width: Math.max(1, bw * 0.8).toFixed(2), height: hgt.toFixed(2), class: k.cls },
          s("title", { text: bucketLabel(b.at, stats.bucket_ms) + ": " + v + " " + k.key })));
      });
      svg.appendChild(g);
    });
    svg.appendChild(xAxis(series, stats.bucket_ms, 0, width, axisY));
    return h("figure", { class: "figure" }, svg, h("figcaption", { class: "summary-line", text: summary }));
  }

  /** Delivery latency p50 (solid line, circles) and p99 (dashed line, squares), each labelled at its end. */
  function latencyChart(stats, W) {
    var series = stats.series;
    var left = 44, right = 66, top = 26, plotH = 96;
    var width = W - left - right;
    var bw = width / series.length;
    var x = function (i) { return left + (i + 0.5) * bw; };
    var withData = series.filter(function (b) { return b.latency_p99_ms !== null; });
    var max = Math.max(1, Math.max.apply(null, withData.map(function (b) { return b.latency_p99_ms; }).concat([0])));
    var y = function (v) { return top + plotH - (v / max) * plotH; };
    var lastWith = withData[withData.length - 1];
    var summary = withData.length
      ? "Delivery latency (event stored to 2xx): latest p50 " + lastWith.latency_p50_ms + " ms, p99 " + lastWith.latency_p99_ms + " ms; highest p99 " + max + " ms."
      : "Delivery latency: no delivery succeeded in this window.";
    var H = top + plotH + 20;
    var svg = s("svg", { class: "chart", width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": summary, "data-chart": "latency" },
      s("title", { text: summary }),
      s("text", { x: 0, y: 13 }, s("tspan", { "font-weight": "700", text: "Latency" }), s("tspan", { dx: 8, text: "ms, event stored → 2xx" })),
      s("text", { x: left - 6, y: top + 4, "text-anchor": "end", text: String(max) }),
      s("text", { x: left - 6, y: top + plotH, "text-anchor": "end", text: "0" }),
      s("line", { x1: left, x2: left + width, y1: top, y2: top, class: "axis", "stroke-dasharray": "2 4" }));
    [["latency_p50_ms", "p50"], ["latency_p99_ms", "p99"]].forEach(function (line) {
      var key = line[0], name = line[1];
      var g = s("g", { "data-series": name });
      var d = "";
      var pen = false;
      series.forEach(function (b, i) {
        var v = b[key];
        if (v === null) { pen = false; return; }
        d += (pen ? "L" : "M") + x(i).toFixed(1) + " " + y(v).toFixed(1);
        pen = true;
      });
      if (d) g.appendChild(s("path", { d: d, class: name }));
      series.forEach(function (b, i) {
        var v = b[key];
        if (v === null) return;
        var mark = name === "p50"
          ? s("circle", { cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 3, class: "mark" })
          : s("rect", { x: (x(i) - 3).toFixed(1), y: (y(v) - 3).toFixed(1), width: 6, height: 6, class: "mark" });
        mark.appendChild(s("title", { text: bucketLabel(b.at, stats.bucket_ms) + ": " + name + " " + v + " ms" }));
        g.appendChild(mark);
      });
      if (lastWith) {
        var ly = y(lastWith[key]);
        var other = y(lastWith[name === "p50" ? "latency_p99_ms" : "latency_p50_ms"]);
        if (Math.abs(ly - other) < 14) ly = name === "p99" ? Math.min(ly, other) - 7 : Math.max(ly, other) + 7;
        g.appendChild(s("text", { x: left + width + 8, y: (ly + 4).toFixed(1), text: name + " " + lastWith[key] }));
      }
      svg.appendChild(g);
    });
    svg.appendChild(xAxis(series, stats.bucket_ms, left, width, top + plotH));
    var legend = h("p", { class: "legend" },
      h("span", { text: "p50: solid line, circles" }),
      h("span", { text: "p99: dashed line, squares" }),
      h("span", { text: "bars: received solid, delivered hatched, failed cross-hatched" }));
    return h("figure", { class: "figure" }, svg, h("figcaption", { class: "summary-line", text: summary }), legend);
  }

  // --- start ------------------------------------------------------------------------------

  function start() {
    $("signin-form").addEventListener("submit", signIn);
    $("signout").addEventListener("click", function () { signOut("Signed out."); });
    window.addEventListener("hashchange", route);
    route();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
`;
