/**
 * The index job, in three parts like Iceberg's {@code SparkWrite} (driver-side write, serialized
 * writer factory, task commit messages):
 *
 * <ul>
 *   <li>Driver: {@link io.musicrec.jobs.index.IndexJob} orchestrates (checks, listing, labels,
 *       collection versions and alias); {@link io.musicrec.jobs.index.IncrementalPlan} makes every
 *       incremental decision (decode, unchanged or relabel per track; the listing guard; stale ids)
 *       and is pure; {@link io.musicrec.jobs.index.IndexReports} assembles the report from the
 *       outcomes and the {@link io.musicrec.jobs.index.Timings}.
 *   <li>Tasks: {@link io.musicrec.jobs.index.PartitionIndexer} gets only a serializable
 *       {@link io.musicrec.jobs.index.TaskSettings} and the broadcast plan; test code reaches into
 *       it through {@link io.musicrec.jobs.index.TaskHooks} (none in runs).
 *   <li>Back to the driver: one {@link io.musicrec.jobs.index.TrackOutcome} per listed track, its
 *       reject reason an {@link io.musicrec.reject.RejectCode}; and, while tasks run, their counts
 *       through executor heartbeats ({@link io.musicrec.jobs.index.TaskProgress}), so progress moves
 *       per track.
 *   <li>The embeddings table ({@link io.musicrec.jobs.index.TableStep}): joined to the tracks
 *       before the tasks (hashes for all, vectors for tracks the collection lacks); tasks write a
 *       track from its row when the file's hash matches, and return each written point's row in
 *       their {@link io.musicrec.jobs.index.TaskResult}s, which stay on the executors (persisted)
 *       until the table is replaced, before the collection is marked complete.
 * </ul>
 */
package io.musicrec.jobs.index;
