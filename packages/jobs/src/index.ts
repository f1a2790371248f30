// Scheduled jobs that run once per occurrence across every replica, kept in Postgres by pg-boss.
export { createScheduler, type ScheduledJob, type Scheduler, type SchedulerOptions } from './scheduler';
