export { KeyIndex, type IndexPlace, type KeyGroup, type KeyIndexOptions, type NearWord } from './key-index.js';
export { IndexBatch, type IndexKey, type IndexWord, type PreparedBatch, transferList } from './index-batch.js';
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
