/**
 * Keys the format does not define. The shape check drops them silently, so they are
 * reported as warnings: a misspelt optional field ("replica") would otherwise just vanish.
 */
import type * as v from 'valibot';
import { closest, didYouMean } from './did-you-mean.ts';
import { joinPath, type ScenarioIssue } from './issues.ts';

// The few structural properties of valibot schemas this walk reads.
interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  item?: SchemaNode;
  key?: string;
  options?: SchemaNode[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Warnings for every key in `value` that `schema` does not define, at any depth. */
export function unknownKeys(schema: v.GenericSchema, value: unknown, path = ''): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  walk(schema as unknown as SchemaNode, value, path, out);
  return out;
}

function walk(node: SchemaNode, value: unknown, path: string, out: ScenarioIssue[]): void {
  if (node.wrapped) return walk(node.wrapped, value, path, out);
  if (node.type === 'array' && node.item && Array.isArray(value)) {
    value.forEach((item, i) => walk(node.item as SchemaNode, item, joinPath(path, i), out));
  } else if (node.type === 'object' && node.entries && isRecord(value)) {
    const entries = node.entries;
    for (const [key, child] of Object.entries(value)) {
      if (Object.hasOwn(entries, key)) walk(entries[key], child, joinPath(path, key), out);
      else out.push({ path: joinPath(path, key), message: `is not a field of the format and is ignored${didYouMean(closest(key, Object.keys(entries)))}` });
    }
  } else if (node.type === 'variant' && node.options && node.key && isRecord(value)) {
    const option = node.options.find((o) => {
      const literal = o.entries?.[node.key as string] as { literal?: unknown } | undefined;
      return literal?.literal === value[node.key as string];
    });
    if (option) walk(option, value, path, out);
  }
}
