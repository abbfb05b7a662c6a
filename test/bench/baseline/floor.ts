/**
 * The floor of one POST per event in this runtime: a Durable Object that only POSTs — no
 * socket, no storage, no signing. It posts `count` numbered bodies to a hook, with at most
 * `concurrency` in flight, either as fast as the answers come back or paced at `rate` per
 * second (the same absolute-time schedule as the benchmark's paced sender). Whatever the
 * relay spends per event beyond this is the relay's own work.
 */
import { DurableObject } from "cloudflare:workers";
import { postBody } from "./post.ts";

export interface FloorRun {
  hook: string;
  count: number;
  concurrency: number;
  /** Posts per second; 0 for as fast as possible. */
  rate: number;
  /** The body, with `{seq}` replaced by the post's sequence number. */
  template: string;
}

export class Poster extends DurableObject {
  private run: FloorRun | null = null;
  private nextSeq = 0;
  /** Posts due (paced) or simply next (full speed) but not yet started. */
  private due = 0;
  private inflight = 0;
  private posted = 0;
  private failed = 0;
  private started = 0;
  private ticker: ReturnType<typeof setTimeout> | null = null;

  start(run: FloorRun): { started: boolean } {
    if (this.ticker) clearTimeout(this.ticker);
    this.run = run;
    this.nextSeq = this.posted = this.failed = this.inflight = 0;
    this.started = Date.now();
    this.due = run.rate > 0 ? 0 : run.count;
    if (run.rate > 0) this.tick();
    else this.pump();
    return { started: true };
  }

  stats(): { posted: number; failed: number; inflight: number } {
    return { posted: this.posted, failed: this.failed, inflight: this.inflight };
  }

  private tick(): void {
    const run = this.run!;
    const interval = 1000 / run.rate;
    const dueNow = Math.min(run.count, Math.floor((Date.now() - this.started) / interval) + 1);
    this.due = dueNow;
    this.pump();
    if (dueNow < run.count) this.ticker = setTimeout(() => this.tick(), 2);
  }

  private pump(): void {
    const run = this.run;
    if (!run) return;
    while (this.inflight < run.concurrency && this.nextSeq < this.due) {
      const seq = this.nextSeq++;
      this.inflight++;
      void this.post(run, run.template.replace("{seq}", String(seq)));
    }
  }

  private async post(run: FloorRun, body: string): Promise<void> {
    if (await postBody(run.hook, body)) this.posted++;
    else this.failed++;
    this.inflight--;
    this.pump();
  }
}
