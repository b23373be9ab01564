/** The error a plugin throws for a failed query; the app builder shows message, description and data. */
export class QueryError extends Error {
  data: Record<string, unknown>;
  description: unknown;
  metadata?: unknown;

  constructor(message: string | undefined, description: unknown, data: Record<string, unknown>, metadata?: unknown) {
    super(message);
    this.name = this.constructor.name;
    this.data = data;
    this.description = description;
    this.metadata = metadata;
    // The app builder's package logs every description; plugins must keep secrets out of it.
    console.log(this.description);
  }
}
