export { dedupConfigSchema, survivorPolicies, weightsSchema, type DedupConfig, type Weights } from './config.js';
export { recordFeatures, type RecordFeatures, type RecordSource } from './features.js';
export { AUTHOR_BLOCK, blockingKeys, type KeyedFeatures } from './blocking-keys.js';
export { hasVeto, scoreCeiling, scorePair, type ComparedFeatures, type PairScore, type Reason, type ScoreCeiling, type Veto } from './score.js';
export { VetoedUnionFind } from './union-find.js';
export { DedupRun, type Cluster, type ClusterMember, type Decision, type DedupStats, type PairExplanation, type VetoedPair } from './dedup-run.js';
export { COPY_FIELD_TAGS, chooseSurvivor, copyFieldCount, mergeCluster, type MergeOutcome } from './merge.js';
export { numbering } from './features.js';
