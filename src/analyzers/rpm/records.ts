/** One package record of an rpm database: its key (instance number) and raw header blob. */
export interface DbRecord {
  key: number;
  blob: Uint8Array;
}

/** What a database reader returns: the records it could read and what it had to skip. */
export interface DbRead {
  /** Sorted by key. */
  records: DbRecord[];
  /** Damage found while reading, one line each (the readable records are still returned). */
  problems: string[];
}
