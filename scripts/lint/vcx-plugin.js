/**
 * The project's own oxlint rules (a JS plugin, loaded by .oxlintrc.json; plain JS because
 * Node 20 cannot load TypeScript plugins).
 *
 * vcx/stable-selector: a zustand selector (useApp, usePacketWalk, useStore) must not return a
 * value built by the selector itself — an object or array literal, `x ?? []`, `.map()`,
 * `.filter()`, `Object.keys()`, `new …`, a function. useSyncExternalStore compares by
 * identity, sees a change on every read and renders until React gives up (error #185: the
 * page blanks). This catches the pattern where it is written; src/ui/store/checked-selector.ts
 * catches every other shape at run time in dev, the component tests and the e2e build.
 */

const HOOKS = new Map([['useApp', 0], ['usePacketWalk', 0], ['useStore', 1]]);

/** Methods and functions that always return a new array, object or string-array. */
const FRESH_CALLS = new Set([
  'map', 'filter', 'flatMap', 'flat', 'slice', 'concat', 'toSorted', 'toReversed', 'toSpliced', 'with',
  'keys', 'values', 'entries', 'fromEntries', 'from', 'of', 'assign', 'split', 'structuredClone', 'parse',
]);

/** What the selector builds anew on each call, or undefined when it returns something it found. */
function fresh(node) {
  if (!node) return undefined;
  switch (node.type) {
    case 'ObjectExpression': return 'an object literal';
    case 'ArrayExpression': return 'an array literal';
    case 'NewExpression': return `new ${node.callee.name ?? 'object'}`;
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
    case 'ClassExpression': return 'a new function';
    case 'LogicalExpression': return fresh(node.left) ?? fresh(node.right);
    case 'ConditionalExpression': return fresh(node.consequent) ?? fresh(node.alternate);
    case 'SequenceExpression': return fresh(node.expressions.at(-1));
    case 'ChainExpression':
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion': return fresh(node.expression);
    case 'CallExpression': {
      const callee = node.callee.type === 'ChainExpression' ? node.callee.expression : node.callee;
      const name = callee.type === 'MemberExpression' && !callee.computed ? callee.property.name
        : callee.type === 'Identifier' ? callee.name : undefined;
      return name && FRESH_CALLS.has(name) ? `the result of ${name}()` : undefined;
    }
    default: return undefined;
  }
}

/** The expressions a selector function returns (not those of functions nested in it). */
function returned(fn) {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const out = [];
  const walk = (n) => {
    if (!n || typeof n.type !== 'string') return;
    if (n !== fn && (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration')) return;
    if (n.type === 'ReturnStatement') { out.push(n.argument); return; }
    for (const key of Object.keys(n)) {
      if (key === 'parent') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object' && typeof v.type === 'string') walk(v);
    }
  };
  walk(fn.body);
  return out;
}

const stableSelector = {
  meta: { type: 'problem', docs: { description: 'zustand selectors must not build a new value on every call' } },
  create(context) {
    return {
      CallExpression(node) {
        if (node.callee.type !== 'Identifier' || !HOOKS.has(node.callee.name)) return;
        const fn = node.arguments[HOOKS.get(node.callee.name)];
        if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return;
        for (const expr of returned(fn)) {
          const what = fresh(expr);
          if (what) {
            context.report({
              node: expr,
              message: `${node.callee.name} selector returns ${what}, a new value on every call: React re-renders it ` +
                'forever (error #185). Return what the store holds, a primitive or a module-level constant, or use useShallow.',
            });
          }
        }
      },
    };
  },
};

export default { meta: { name: 'vcx' }, rules: { 'stable-selector': stableSelector } };
