/**
 * Keys the format does not define. The shape check drops them silently, so they are
 * reported as warnings: a misspelt optional field ("replica") would otherwise just vanish.
 */
import type * as v from 'valibot';
import { createSuggester, didYouMean, type Suggester } from './did-you-mean.ts';
import { issue, joinPath, said, type ScenarioIssue } from './issues.ts';

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

/**
 * Warnings for every key in `value` that `schema` does not define, at any depth the schema
 * has (the walk follows the schema, so a deeply nested unknown value costs nothing).
 */
export function unknownKeys(schema: v.GenericSchema, value: unknown, path = '', suggest: Suggester = createSuggester()): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  walk(schema as unknown as SchemaNode, value, path, out, suggest);
  return out;
}

function walk(node: SchemaNode, value: unknown, path: string, out: ScenarioIssue[], suggest: Suggester): void {
  if (node.wrapped) return walk(node.wrapped, value, path, out, suggest);
  if (node.type === 'array' && node.item && Array.isArray(value)) {
    value.forEach((item, i) => walk(node.item as SchemaNode, item, joinPath(path, i), out, suggest));
  } else if (node.type === 'object' && node.entries && isRecord(value)) {
    const entries = node.entries;
    for (const [key, child] of Object.entries(value)) {
      if (Object.hasOwn(entries, key)) walk(entries[key], child, joinPath(path, key), out, suggest);
      else {
        const near = suggest.closest(key, Object.keys(entries));
        out.push(issue(joinPath(path, key), said`is not a field of the format and is ignored${didYouMean(near)}`));
      }
    }
  } else if (node.type === 'variant' && node.options && node.key && isRecord(value)) {
    const option = node.options.find((o) => {
      const literal = o.entries?.[node.key as string] as { literal?: unknown } | undefined;
      return literal?.literal === value[node.key as string];
    });
    if (option) walk(option, value, path, out, suggest);
  }
}
