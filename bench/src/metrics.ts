// Reading the processes' Prometheus metrics (each serves them on its own METRICS_PORT; the stack knows the
// URLs, `Stack.metricsUrls`) and how a sample line looks.

/** The text exposition at `metricsUrl`. */
export async function scrape(metricsUrl: string): Promise<string> {
  const response = await fetch(metricsUrl);
  if (!response.ok) throw new Error(`${metricsUrl} answered ${response.status}`);
  return response.text();
}

/** Every sample of `metric` (its exact name, e.g. `…_total` or `…_count`): its labels and value. */
export function samples(text: string, metric: string): { labels: Record<string, string>; value: number }[] {
  const found: { labels: Record<string, string>; value: number }[] = [];
  for (const match of text.matchAll(new RegExp(`^${metric}(?:\\{([^}]*)\\})? (\\S+)`, 'gm'))) {
    const labels = Object.fromEntries(
      [...(match[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1]!, label[2]!]),
    );
    found.push({ labels, value: Number(match[2]) });
  }
  return found;
}

/** The sum of `metric` over the samples whose labels `where` accepts (all by default). */
export const sum = (text: string, metric: string, where: (labels: Record<string, string>) => boolean = () => true) =>
  samples(text, metric)
    .filter((sample) => where(sample.labels))
    .reduce((total, sample) => total + sample.value, 0);

/** `metric` summed by the value of one label (e.g. `outcome`), a missing label counted as "unknown". */
export function sumBy(text: string, metric: string, label: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const sample of samples(text, metric)) {
    const key = sample.labels[label] ?? 'unknown';
    totals[key] = (totals[key] ?? 0) + sample.value;
  }
  return totals;
}
