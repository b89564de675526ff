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
     * Waits until every named view includes the event at {@code minPosition}, or the timeout passes. Answers the
     * lowest position among them.
     */
    long awaitPosition(Collection<String> names, long minPosition, Duration timeout);
}
