/** The small part of bpmn-js's object model the studio touches. */
export interface BusinessObject {
  id: string;
  name?: string;
  $type: string;
  $descriptor?: { allTypes?: Array<{ name: string }> };
  $parent?: BusinessObject;
  conditionExpression?: { body?: string; language?: string };
  loopCharacteristics?: BusinessObject & { isSequential?: boolean; completionCondition?: { body?: string } };
  sourceRef?: BusinessObject;
  default?: BusinessObject;
  get(name: string): unknown;
}

export interface DiagramElement {
  id: string;
  type: string;
  businessObject: BusinessObject;
  source?: DiagramElement;
}

export interface BpmnService {
  updateProperties(element: DiagramElement, properties: Record<string, unknown>): void;
  updateModdleProperties(element: DiagramElement, target: BusinessObject, properties: Record<string, unknown>): void;
  updateLabel(element: DiagramElement, text: string): void;
}

export interface BpmnModelerLike {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
  saveSVG(): Promise<{ svg: string }>;
  on(event: string, callback: (event: { element?: DiagramElement; newSelection?: DiagramElement[] }) => void): void;
  get<T = unknown>(service: string): T;
  destroy(): void;
}

export interface Overlays {
  add(elementId: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement | string }): string;
  remove(filter: { type: string }): void;
}

export interface Canvas {
  zoom(level: 'fit-viewport' | number, center?: 'auto'): number;
  addMarker(elementId: string, marker: string): void;
  getRootElement(): DiagramElement;
}

export interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
}

export interface Moddle {
  create(type: string, properties?: Record<string, unknown>): unknown;
}
