/** The classification shipped with the server (./data/classification.json), parsed once. */
import shipped from './data/classification.json' with { type: 'json' };
import { parseClassification, type Classification } from './domain/classification.js';

let current: Classification | null = null;

export function classification(): Classification {
  current ??= parseClassification(shipped, 'classification.json');
  return current;
}

/** Replaces the classification in use (e.g. a file loaded with `loadClassificationFile`). */
export function useClassification(c: Classification): void {
  current = c;
}
