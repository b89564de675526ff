package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.command.member.RosterImport.Outcome;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The imports this node ran lately and how far each got, for {@code GET /api/imports/{id}} while a large roster is
 * still being registered. Kept in memory for the last {@value #KEPT} or so imports only: an import is resumed by sending
 * the same file again, whose rows already registered are idempotent repeats.
 */
@Component
class RosterImports {

    static final int KEPT = 100;

    enum Status { RUNNING, FINISHED, FAILED }

    record View(String importId, boolean dryRun, String startedBy, Instant startedAt, Status status, int rows,
                int done, Map<Outcome, Integer> counts) {
    }

    /** One import's progress, written by the thread that runs it and read by any other. */
    static final class Progress {
        private final String importId;
        private final boolean dryRun;
        private final String startedBy;
        private final Instant startedAt;
        private final int rows;
        private final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        private Status status = Status.RUNNING;
        private int done;

        Progress(String importId, boolean dryRun, String startedBy, Instant startedAt, int rows) {
            this.importId = importId;
            this.dryRun = dryRun;
            this.startedBy = startedBy;
            this.startedAt = startedAt;
            this.rows = rows;
            for (Outcome outcome : Outcome.values()) {
                counts.put(outcome, 0);
            }
        }

        synchronized void row(Outcome outcome) {
            done++;
            counts.merge(outcome, 1, Integer::sum);
        }

        synchronized void end(Status end) {
            status = end;
        }

        synchronized View view() {
            return new View(importId, dryRun, startedBy, startedAt, status, rows, done,
                    Collections.unmodifiableMap(new EnumMap<>(counts)));
        }

        String importId() {
            return importId;
        }
    }

    private final Cache<String, Progress> recent = Caffeine.newBuilder().maximumSize(KEPT).build();

    Progress start(String importId, boolean dryRun, String startedBy, Instant startedAt, int rows) {
        Progress progress = new Progress(importId, dryRun, startedBy, startedAt, rows);
        recent.put(importId, progress);
        return progress;
    }

    Optional<View> find(String importId) {
        return Optional.ofNullable(recent.getIfPresent(importId)).map(Progress::view);
    }
}
