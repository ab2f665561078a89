/**
 * A tiny Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format. Enough for a controller; no prom-client dependency.
 */
type Labels = Readonly<Record<string, string>>;

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}

interface Metric {
  render(): string;
}

export class Counter implements Metric {
  private readonly values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = labelKey(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${v}`);
    return lines.join('\n');
  }
}

export class Gauge implements Metric {
  private readonly values = new Map<string, () => number>();
  constructor(readonly name: string, readonly help: string) {}
  /** The value is read at scrape time. */
  track(labels: Labels, read: () => number): void {
    this.values.set(labelKey(labels), read);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const [k, read] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${read()}`);
    return lines.join('\n');
  }
}

export class Histogram implements Metric {
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly bounds: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]) {}
  observe(labels: Labels, value: number): void {
    const k = labelKey(labels);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 }));
    this.bounds.forEach((b, i) => {
      if (value <= b) s!.buckets[i]!++;
    });
    s.sum += value;
    s.count++;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      const sep = k ? `${k},` : '';
      this.bounds.forEach((b, i) => lines.push(`${this.name}_bucket{${sep}le="${b}"} ${s.buckets[i]}`));
      lines.push(`${this.name}_bucket{${sep}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${k ? `{${k}}` : ''} ${s.sum}`);
      lines.push(`${this.name}_count${k ? `{${k}}` : ''} ${s.count}`);
    }
    return lines.join('\n');
  }
}

/** The controller's metrics. One instance per controller, never module-global (ACK weakness §31.16). */
export class ControllerMetrics {
  readonly apiRequests = new Counter('ack_outbound_api_requests_total', 'Total number of AWS API requests');
  readonly apiErrors = new Counter('ack_outbound_api_requests_error_total', 'Total number of AWS API requests that returned an error');
  readonly reconciles = new Counter('ack_reconcile_total', 'Reconciles by kind and outcome');
  readonly reconcileSeconds = new Histogram('ack_reconcile_duration_seconds', 'Reconcile duration by kind and outcome');
  readonly queueDepth = new Gauge('ack_workqueue_depth', 'Keys ready to reconcile, per kind');
  readonly queueDelayed = new Gauge('ack_workqueue_delayed', 'Keys waiting for a requeue delay, per kind');
  readonly inFlight = new Gauge('ack_reconcile_in_flight', 'Reconciles running, per kind');
  readonly watchRestarts = new Gauge('ack_watch_restarts', 'Watch restarts (410 relists, watchdog restarts, errors), per kind');
  readonly process = new Gauge('process_resident_memory_bytes', 'Resident memory size in bytes');

  constructor() {
    this.process.track({}, () => process.memoryUsage.rss());
  }

  render(): string {
    return (
      [this.apiRequests, this.apiErrors, this.reconciles, this.reconcileSeconds, this.queueDepth, this.queueDelayed, this.inFlight, this.watchRestarts, this.process]
        .map((m) => m.render())
        .join('\n') + '\n'
    );
  }
}
