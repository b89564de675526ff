package cn.qinglong.dangjian.eventstore;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Where the last event a command appended to a stream landed (its sequence number and global index), for a caller
 * that asked for it before sending the command, so that answering with them costs no query after the commit.
 *
 * <p>A caller {@link #watch}es the command message's identifier, sends the command, then {@link #take}s the result.
 * Positions are handed over only once the command's unit of work committed; a rolled-back attempt (for example one
 * that lost a race and is retried with the same message) hands over nothing. A command that appended nothing to the
 * stream yields nothing, and the caller reads the stream's head itself, as it does for a position whose global index
 * is {@link #UNKNOWN}.
 */
public final class AppendedEvents {

    /** The global index of an event the store did not report it for. */
    public static final long UNKNOWN = -1;

    /** The stream's last appended event: its sequence number and global index ({@link #UNKNOWN} if not reported). */
    public record Position(long sequenceNumber, long globalIndex) {
    }

    private static final String RESOURCE = AppendedEvents.class.getName();
    private static final Map<String, Position> NOTHING_YET = Map.of();

    private final Map<String, Map<String, Position>> watched = new ConcurrentHashMap<>();

    public void watch(String commandMessageIdentifier) {
        watched.put(commandMessageIdentifier, NOTHING_YET);
    }

    /** Stops watching the command and answers where its last committed event in {@code stream} landed, if any. */
    public Optional<Position> take(String commandMessageIdentifier, String stream) {
        Map<String, Position> appended = watched.remove(commandMessageIdentifier);
        return appended == null ? Optional.empty() : Optional.ofNullable(appended.get(stream));
    }

    /** Whether the command being handled in the current unit of work is watched, so its positions are wanted. */
    public boolean wanted() {
        return CurrentUnitOfWork.isStarted()
                && watched.containsKey(CurrentUnitOfWork.get().root().getMessage().getIdentifier());
    }

    /** Called by the append statement, in the command's unit of work, once the store accepted the event. */
    public void appended(String stream, long sequenceNumber, long globalIndex) {
        if (!wanted()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        String command = root.getMessage().getIdentifier();
        Map<String, Position> appended = root.getOrComputeResource(RESOURCE, key -> {
            Map<String, Position> positions = new HashMap<>();
            root.afterCommit(committed -> watched.computeIfPresent(command, (id, nothingYet) -> positions));
            return positions;
        });
        appended.merge(stream, new Position(sequenceNumber, globalIndex),
                (earlier, later) -> later.sequenceNumber() > earlier.sequenceNumber() ? later : earlier);
    }
}
