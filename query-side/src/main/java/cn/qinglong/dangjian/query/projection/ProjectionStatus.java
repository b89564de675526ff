package cn.qinglong.dangjian.query.projection;

/**
 * @param position the global position of the last event the active view includes (-1: none yet)
 * @param lag      events in the store the active view does not include yet
 * @param status   RUNNING, CATCHING_UP, REBUILDING, ERROR or STOPPED
 * @param replayProgress 0..1: of a running rebuild, else how far the active view is through the store
 * @param rebuild  the generation being built, while a rebuild runs
 */
public record ProjectionStatus(String name, int generation, long position, long head, long lag, String status,
                               double replayProgress, Rebuild rebuild) {

    public record Rebuild(int generation, long position, double progress, String startedAt) {
    }
}
