export { LocalizedLabel } from './localized-label';
export type { Locale, LocalizedText, NamedOption } from './i18n/ui-locale';
export * from './form-model/form-definition';
export { FormDesigner, type FormDesignerProps } from './form-designer/FormDesigner';
export { applyDesignerAction, emptyForm, normalizeForDesigner, findField, sectionsOf, type DesignerAction, type FieldContainer } from './form-designer/form-document';
export { fieldCatalogue, type FieldTypeEntry } from './form-designer/field-catalogue';
export { RuleEditor, type RuleEditorProps, type RuleField } from './rule-editor/RuleEditor';
export { ruleToTree, treeToRule, type RuleGroup, type RuleCondition } from './rule-editor/rule-tree';
