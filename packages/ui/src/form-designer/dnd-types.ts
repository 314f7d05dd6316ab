import type { FieldType } from '../form-model/form-definition';

/** Drag sources of the designer: a new field from the palette, or a field already on the canvas. */
export const PALETTE_ITEM = 'tessera/palette-field';
export const CANVAS_FIELD = 'tessera/canvas-field';

export interface PaletteDragItem {
  fieldType: FieldType;
}

export interface CanvasDragItem {
  key: string;
  isSubform: boolean;
}
