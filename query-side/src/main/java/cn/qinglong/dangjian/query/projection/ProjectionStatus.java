package cn.qinglong.dangjian.query.projection;

/**
 * @param position the global position of the last event the active view includes (-1: none yet)
 * @param lag      events in the store the active view does not include yet
 * @param status   RUNNING, CATCHING_UP, REBUILDING, ERROR or STOPPED
 * @param replayProgress 0..1: of a running rebuild, else how far the active view is through the store
 * @param rebuild  the generation being built, while a rebuild runs
 * @param lastRebuild how the latest rebuild went (kept in the pointer document, so every node shows it)
 * @param averageBatchSize events per bulk write of the answering generation on this node since it started
 */
public record ProjectionStatus(String name, int generation, long position, long head, long lag, String status,
                               double replayProgress, Rebuild rebuild, Rebuilt lastRebuild, double averageBatchSize) {

    /**
     * @param phase    STREAM_PASS (folding the whole store stream by stream; {@code position} -1, {@code progress}:
     *                 events read of the head) or CATCHING_UP (its processor continues from where the pass stopped)
     */
    public record Rebuild(int generation, String phase, long position, double progress, String startedAt, double averageBatchSize) {
    }

    /** {@code eventsPerSecond}: events replayed (the new generation's position at the swap) per second of rebuild. */
    public record Rebuilt(int generation, String startedAt, String swappedAt, long events, double seconds,
                          long eventsPerSecond) {
    }
}
