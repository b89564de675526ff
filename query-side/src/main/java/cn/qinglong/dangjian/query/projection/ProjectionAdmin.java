package cn.qinglong.dangjian.query.projection;

import java.util.List;

/** What an operator does with the projections: where each stands, and rebuilding them. */
public interface ProjectionAdmin {

    List<ProjectionStatus> statuses();

    ProjectionStatus status(String name);

    /**
     * Starts building a new generation of the view; the current one keeps answering meanwhile.
     *
     * @throws RebuildAlreadyRunning while one runs (on any node)
     */
    ProjectionStatus rebuild(String name);

    /** Starts rebuilding every projection not already rebuilding, all from one pass over the store. */
    List<ProjectionStatus> rebuildAll();
}
