// Loaded on demand: bpmn-js and its styles stay out of the first page's bundle.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';

export { default as Modeler } from 'bpmn-js/lib/Modeler';
export { default as NavigatedViewer } from 'bpmn-js/lib/NavigatedViewer';
export { compileProcess, tesseraModdleDescriptor } from '@tessera/process';
