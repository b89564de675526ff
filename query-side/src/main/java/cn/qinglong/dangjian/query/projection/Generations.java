package cn.qinglong.dangjian.query.projection;

import java.time.Duration;
import java.util.Collection;

/** What a reader needs of the projections: which generation of a view answers, and how far it is. */
public interface Generations {

    Collection<String> names();

    /** The collections of the generation that currently answers queries. */
    ViewCollections views(String name);

    /**
     * The global position of the last event the answering view includes, over all its segments whichever node
     * processes them; -1 when it includes none.
     */
    long position(String name);

    /**
     * One state of the answering view, over all its segments whichever node processes them: the same state means the
     * same documents, and a state read after {@link #position} reached P includes the event at P. {@code null} while
     * the view has stored no progress.
     */
    String state(String name);

    /**
     * Waits until every named view includes the event at {@code minPosition}, or the timeout passes. Answers the
     * lowest position among them.
     */
    long awaitPosition(Collection<String> names, long minPosition, Duration timeout);
}
