/** Injection token of the loaded `TesseraConfig`. */
export const TESSERA_CONFIG = Symbol('TESSERA_CONFIG');
