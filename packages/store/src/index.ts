export { KeyIndex, type KeyEntry, type KeyGroup, type NearWord } from './key-index.js';
