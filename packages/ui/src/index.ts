export { LocalizedLabel } from './localized-label';
