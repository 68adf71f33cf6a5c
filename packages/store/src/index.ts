export { KeyIndex, type KeyEntry, type KeyGroup, type NearWord } from './key-index.js';
export { openDatabase, type Database, type OpenDatabase } from './database.js';
export {
  MIGRATION_STAGES,
  MigrationStore,
  reviewKey,
  type MigrationStage,
  type ReviewCluster,
  type ReviewDecision,
  type ReviewItem,
  type ReviewMember,
  type StageState,
} from './migration-store.js';
