package cn.qinglong.dangjian.query.projection;

import java.util.List;
import java.util.Set;

/** A view built from the event stream into collections of its own. */
public interface Projection {

    /** Also the name of its processing group (one streaming processor per generation of the view). */
    String name();

    /** Logical names of the collections the view owns; each generation has its own physical copies. */
    Set<String> collections();

    /** Applies a whole batch, writing each collection's changes as one bulk operation. Idempotent. */
    void apply(List<Envelope> batch, ViewCollections views);

    default void createIndexes(ViewCollections views) {
    }
}
