/** How a crawl went, for logs and benchmarks: `client.files.all()` returns it as `.stats`. */
export interface CrawlStats {
  /**
   * How the crawl paged: `windows` of an unchanging timestamp column (the default), `windows+recheck`
   * (sorted by `updated_at`: windows of it, then the records changed meanwhile), or `offset` pages.
   */
  method: 'windows' | 'windows+recheck' | 'offset';
  /** Why the crawl paged by offset, when it could not use windows. */
  reason?: string;
  /** Requests sent, every one (windows, edges, pages). */
  requests: number;
  /** Window requests among them. */
  windows: number;
  /** Full windows split into smaller ones. */
  splits: number;
  /** Instants holding a page or more of records, paged by offset inside. */
  instants: number;
  /** Offset pages inside such instants. */
  instantPages: number;
  /** Records yielded. */
  records: number;
}

export function newStats(method: CrawlStats['method']): CrawlStats {
  return { method, requests: 0, windows: 0, splits: 0, instants: 0, instantPages: 0, records: 0 };
}
