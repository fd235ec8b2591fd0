/** Everything readable in a message or view: block texts, fields, alt texts, button labels, fallback. */
export function textOf(message: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(message);
  return out.join('\n');
}
