/**
 * A fault to inject into the next matching calls: an error answer, a delay
 * (then the normal answer unless something else is set), a dropped connection
 * or a body the client cannot parse.
 */
export interface FaultSpec {
  status?: number;
  code?: string;
  message?: string;
  delayMs?: number;
  closeConnection?: boolean;
  malformedBody?: boolean;
  /** How many calls it applies to; default 1. */
  times?: number;
}

export class FaultPlan {
  private readonly pending = new Map<string, Array<{ spec: FaultSpec; remaining: number }>>();

  add(action: string, spec: FaultSpec): void {
    const queue = this.pending.get(action) ?? [];
    queue.push({ spec, remaining: spec.times ?? 1 });
    this.pending.set(action, queue);
  }

  /** The fault for this call, consuming one use of it. */
  take(action: string): FaultSpec | undefined {
    const queue = this.pending.get(action);
    const head = queue?.[0];
    if (queue === undefined || head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.spec;
  }

  clear(): void {
    this.pending.clear();
  }
}
