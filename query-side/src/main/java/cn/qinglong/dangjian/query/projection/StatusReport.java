package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.query.projection.GenerationPointers.Pointer;
import java.util.ArrayList;
import java.util.List;

/** Where each projection stands on this node, for the operator: its status, its lag, and how far a rebuild has got. */
final class StatusReport {

    private final FollowedGenerations generations;
    private final ProjectionProcessors processors;

    StatusReport(FollowedGenerations generations, ProjectionProcessors processors) {
        this.generations = generations;
        this.processors = processors;
    }

    List<ProjectionStatus> statuses() {
        long head = generations.head();
        List<ProjectionStatus> result = new ArrayList<>();
        for (String name : generations.names()) {
            result.add(status(name, head));
        }
        return result;
    }

    ProjectionStatus status(String name) {
        return status(generations.require(name).name(), generations.head());
    }

    private ProjectionStatus status(String name, long head) {
        Pointer pointer = generations.pointer(name);
        if (pointer == null) {
            return new ProjectionStatus(name, 0, -1, head, Math.max(0, head), "STOPPED", progress(-1, head), null,
                    null, 0);
        }
        long position = processors.position(name, pointer.active());
        long lag = Math.max(0, head - Math.max(position, 0));
        String status;
        boolean firstPass = Integer.valueOf(pointer.active()).equals(pointer.pass());
        if (firstPass) {
            status = "CATCHING_UP";
        } else if (!processors.runs(name, pointer.active())) {
            status = "STOPPED";
        } else if (processors.failed(name, pointer.active())
                || pointer.building() != null && processors.failed(name, pointer.building())) {
            status = "ERROR";
        } else if (pointer.building() != null) {
            status = "REBUILDING";
        } else {
            status = lag == 0 ? "RUNNING" : "CATCHING_UP";
        }
        ProjectionStatus.Rebuild rebuild = null;
        double progress = firstPass ? progress(pointer.passRead(), head) : progress(position, head);
        if (pointer.building() != null) {
            boolean inPass = pointer.building().equals(pointer.pass());
            long nextPosition = inPass ? -1 : processors.position(name, pointer.building());
            rebuild = new ProjectionStatus.Rebuild(pointer.building(), inPass ? "STREAM_PASS" : "CATCHING_UP",
                    nextPosition, inPass ? progress(pointer.passRead(), head) : progress(nextPosition, head),
                    pointer.buildingStartedAt(), processors.averageBatchSize(name, pointer.building()));
            progress = rebuild.progress();
        }
        return new ProjectionStatus(name, pointer.active(), position, head, lag, status, progress, rebuild,
                pointer.lastRebuild(), processors.averageBatchSize(name, pointer.active()));
    }

    private static double progress(long position, long head) {
        if (head <= 0) {
            return 1.0;
        }
        return Math.max(0, Math.min(1.0, (double) Math.max(position, 0) / head));
    }
}
