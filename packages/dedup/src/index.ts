export { dedupConfigSchema, survivorPolicies, weightsSchema, type DedupConfig, type Weights } from './config.js';
export { recordFeatures, type RecordFeatures, type RecordSource } from './features.js';
export { AUTHOR_BLOCK, blockingKeys } from './blocking-keys.js';
export { scorePair, type PairScore, type Reason, type Veto } from './score.js';
export { VetoedUnionFind } from './union-find.js';
export { DedupRun, type Cluster, type ClusterMember, type Decision, type DedupStats, type PairExplanation, type VetoedPair } from './dedup-run.js';
export { chooseSurvivor, mergeCluster, type MergeOutcome } from './merge.js';
export { numbering } from './features.js';
