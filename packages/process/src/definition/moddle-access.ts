/** Narrow, typed access to bpmn-moddle objects; the rest of the compiler never touches `$`-fields. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  get(name: string): unknown;
  [key: string]: unknown;
}

export function attributeOf(element: ModdleElement, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = element.get(name);
    if (value !== undefined && value !== null && value !== '') return String(value);
  }
  return undefined;
}

export function childrenOf(element: ModdleElement, property: string): ModdleElement[] {
  const value = element[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function childOf(element: ModdleElement, property: string): ModdleElement | undefined {
  const value = element[property];
  return value && typeof value === 'object' ? (value as ModdleElement) : undefined;
}

export function extensionsOf(element: ModdleElement, ...types: string[]): ModdleElement[] {
  const extensions = childOf(element, 'extensionElements');
  return childrenOf(extensions ?? ({ get: () => undefined } as unknown as ModdleElement), 'values').filter((value) =>
    types.includes(value.$type),
  );
}

/** The text of a formal expression child (`conditionExpression`, `timeDuration`, `loopCardinality`). */
export function bodyOf(element: ModdleElement | undefined): string | undefined {
  if (!element) return undefined;
  const body = element.body;
  return typeof body === 'string' ? body : undefined;
}

export function shortType(element: ModdleElement): string {
  const type = element.$type;
  const local = type.slice(type.indexOf(':') + 1);
  return local.charAt(0).toLowerCase() + local.slice(1);
}
