export { STAND_IN_VERSION, startStandIn, type StandIn, type StandInOptions } from './stand-in/start-stand-in.js';
export { FAULT_SPEC_KEYS, checkFaultSpec, faultSpecSchema, formatFaults, parseFaultSpec, resolveFaults, type FaultSpec, type ResolvedFaults } from './stand-in/fault-spec.js';
export { STAND_IN_HELP, standInBanner, type StandInBannerInfo } from './stand-in/stand-in-banner.js';
export { DEFAULT_STAND_IN_ROUTES, KNOWN_ROUTES, type StandInRoutes } from './stand-in/stand-in-routes.js';
export type { StandInStats } from './stand-in/stand-in-stats.js';
export { branchDepartments, type StandInDepartment } from './stand-in/stand-in-departments.js';
