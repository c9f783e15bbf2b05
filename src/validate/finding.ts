/** How serious a finding is: an error breaks the spec, a warning is likely to trouble a reader. */
export type Severity = 'error' | 'warning';

/** One problem found in a feed document. */
export interface Finding {
  readonly severity: Severity;
  /** Stable identifier, e.g. `rss.item.guid.duplicate`. */
  readonly rule: string;
  /** A sentence for a person. */
  readonly message: string;
  /** 1-based line in an XML document. */
  readonly line?: number;
  /** JSON path in a JSON Feed, e.g. `items[3].id`. */
  readonly path?: string;
}

/** Where a finding sits: a line for XML, a path for JSON. */
export interface Place {
  readonly line?: number;
  readonly path?: string;
}

/** Collects findings in document order; each rule reports once per place. */
export class Report {
  private readonly list: Finding[] = [];
  private readonly seen = new Set<string>();

  /** Records an error. */
  error(rule: string, message: string, at: Place = {}): void {
    this.add('error', rule, message, at);
  }

  /** Records a warning. */
  warn(rule: string, message: string, at: Place = {}): void {
    this.add('warning', rule, message, at);
  }

  /** Whether any finding with this rule has been recorded. */
  has(rule: string): boolean {
    return this.list.some((finding) => finding.rule === rule);
  }

  /** The findings so far, in the order they were found. */
  findings(): Finding[] {
    return [...this.list];
  }

  private add(severity: Severity, rule: string, message: string, at: Place): void {
    const key = `${rule}\u0000${at.line ?? ''}\u0000${at.path ?? ''}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({
      severity,
      rule,
      message,
      ...(at.line === undefined ? {} : { line: at.line }),
      ...(at.path === undefined ? {} : { path: at.path }),
    });
  }
}
