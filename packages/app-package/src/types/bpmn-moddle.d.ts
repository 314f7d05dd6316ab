// `@tessera/process` is type-checked here from its sources, and its own ambient declaration of
// bpmn-moddle is not part of this program; the engine's types do not depend on the module's shape.
declare module 'bpmn-moddle';
