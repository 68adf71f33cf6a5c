export { KeyIndex, type KeyEntry, type KeyGroup, type NearWord } from './key-index.js';
export { openDatabase, type Database, type OpenDatabase } from './database.js';
