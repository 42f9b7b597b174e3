import 'server-only';

// The route template of a request (/api/files/[id]), from its concrete path
// and the params Next matched: access logs name the route, never an id.
// Pure, so it is unit-tested without a server.

type Params = Record<string, string | string[] | undefined>;

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Replaces each param's segment(s) by [name] ([...name] for a catch-all).
 * Next lists params in the template's order, so each is looked for after the
 * previous one; a catch-all is always last and takes the rest of the path.
 */
export function routeTemplate(pathname: string, params: Params = {}): string {
  const segments = pathname.split('/');
  let from = 1;
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      const at = Math.max(from, segments.length - value.length);
      segments.splice(at, segments.length - at, `[...${name}]`);
      break;
    }
    if (value === undefined) continue;
    const at = segments.findIndex((segment, i) => i >= from && decode(segment) === value);
    if (at < 0) continue;
    segments[at] = `[${name}]`;
    from = at + 1;
  }
  return segments.join('/');
}
