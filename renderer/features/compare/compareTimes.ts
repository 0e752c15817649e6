/** The time rules live in shared/ (the core's folder synchronization uses them too). */
export * from '../../../shared/compare/compare-times';
