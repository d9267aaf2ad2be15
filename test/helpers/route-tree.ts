// The routes a Fastify app registers, read from its printRoutes() tree (for route-coverage tests).

/**
 * All (method, path) pairs from Fastify's route tree. printRoutes() nests children under their
 * parent's prefix, one level per 4 columns, so a full path is the concatenation of its ancestors.
 */
export function registeredRoutes(tree: string): Array<{ method: string; path: string }> {
  const stack: string[] = [];
  const out: Array<{ method: string; path: string }> = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ├└─]*?)[├└]── (.+?)(?: \(([^)]*)\))?$/u.exec(line);
    if (!m) continue;
    const depth = Math.round((m[1] ?? '').length / 4);
    stack.length = depth;
    stack[depth] = m[2] ?? '';
    const full = stack.join('');
    for (const method of (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      out.push({ method, path: full.startsWith('/') ? full : `/${full}` });
  }
  return out;
}
