/** `npm start` works: the demo plays its conversation and every webhook arrives verified. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { ROOT } from "../harness/relay.ts";

it("npm start shows webhooks flowing", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["test/harness/demo.ts", "--once"], { cwd: ROOT, timeout: 90_000 });
  for (const type of [
    "connection.connected",
    "friend.requested",
    "friend.added",
    "message.created",
    "message.read",
    "chat.cleared",
    "message.deleted",
    "upstream.unknown",
    "group.member.requested",
    "group.member.muted",
    "message.updated",
    "message.appended",
    "draft.updated",
    "group.invited",
    "notification.received",
  ]) {
    expect(stdout).toContain(type);
  }
  expect(stdout).toMatch(/message\.create ← 200 \{"message_id":"\d{19}","timestamp":\d+\}/);
  expect(stdout).toContain("request.approve ← 200 {}");
  expect(stdout).toMatch(/demo-68\/actions\/message\.create ← 200 \{"message_id":"\d{10}","timestamp":\d+\}/);
  expect(stdout).toContain('demo-wschat/actions/message.create ← 202 {"message_id":null}');
  expect(stdout).toContain("✔ 27 webhooks received, each verified with the standardwebhooks library.");
  expect(stdout).toMatch(/console http:\/\/127\.0\.0\.1:\d+\/console · token dev-token/);
});
