package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberState;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * A view that follows members: one document per member in the {@value #MEMBERS} collection, holding the member's
 * state as {@link MemberState} folds it plus whatever the view adds in {@link #extend}.
 */
public abstract class MemberFoldProjection extends FoldingProjection {

    public static final String MEMBERS = "members";

    /**
     * The state this thread folded last, by member and version: a run of one member's events (a processor batch, a
     * stream in a rebuild) decodes the member's document once, not at every event. A document's {@code _id} and
     * {@code _v} name the state it holds, as the fold is the same for all.
     */
    private final ThreadLocal<Folded> lastFolded = new ThreadLocal<>();

    private record Folded(String memberId, long version, MemberState state) {
        boolean matches(Document document) {
            return memberId.equals(document.getString("_id"))
                    && document.get(VERSION) instanceof Number v && v.longValue() == version;
        }
    }

    /**
     * The steps this thread folded of one member, shared by every view: a stream-order pass folds a stream into each
     * view in turn, so the first view's {@link MemberState#apply} and encoding serve the others, and a stream is
     * folded and encoded once, not once a view. A step is reused only from the same state (the same object, or an
     * equal one), so a view that folds fewer of the member's events (points sends some elsewhere) folds its own.
     */
    private static final ThreadLocal<Steps> STEPS = ThreadLocal.withInitial(Steps::new);

    private record Step(MemberState before, MemberState after, Document encoded) {
    }

    private static final class Steps {
        private String memberId;
        private Map<Long, Step> bySequence = new HashMap<>();

        Step find(String member, long sequence, MemberState before) {
            Step step = member.equals(memberId) ? bySequence.get(sequence) : null;
            return step != null && (step.before() == before || step.before().equals(before)) ? step : null;
        }

        Step add(String member, long sequence, Step step) {
            if (!member.equals(memberId)) {
                memberId = member;
                bySequence = new HashMap<>();
            }
            bySequence.put(sequence, step);
            return step;
        }
    }

    private final String name;
    private final Set<String> collections;
    private final List<org.bson.conversions.Bson> memberIndexes;

    /** {@code otherCollections}: what the view keeps besides its member documents. */
    protected MemberFoldProjection(String name, String... otherCollections) {
        this.name = name;
        Set<String> all = new LinkedHashSet<>(List.of(otherCollections));
        all.add(MEMBERS);
        this.collections = Set.copyOf(all);
        this.memberIndexes = List.of();
    }

    /** A view of member documents only, with {@code memberIndexes} on them (see {@link #createIndexes}). */
    protected MemberFoldProjection(String name, List<org.bson.conversions.Bson> memberIndexes) {
        this.name = name;
        this.collections = Set.of(MEMBERS);
        this.memberIndexes = List.copyOf(memberIndexes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> collections() {
        return collections;
    }

    /** Creates the member indexes given to the constructor; a view with more to index overrides this. */
    @Override
    public void createIndexes(ViewCollections views) {
        memberIndexes.forEach(views.get(MEMBERS)::createIndex);
    }

    @Override
    protected Target target(Envelope event) {
        if (event.payload() instanceof MemberEvent member) {
            return new Target(MEMBERS, member.memberId().value());
        }
        return otherTarget(event);
    }

    /** Events of other streams this view also follows. */
    protected Target otherTarget(Envelope event) {
        return null;
    }

    @Override
    protected Document fold(String collection, Document current, Envelope event) {
        if (MEMBERS.equals(collection) && event.payload() instanceof MemberEvent member) {
            Folded last = lastFolded.get();
            MemberState before = current == null ? MemberState.none()
                    : last != null && last.matches(current) ? last.state() : MemberDocuments.state(current);
            String memberId = member.memberId().value();
            Steps steps = STEPS.get();
            Step step = steps.find(memberId, event.sequence(), before);
            if (step == null) {
                MemberState after = before.apply(member, event.sequence());
                step = steps.add(memberId, event.sequence(),
                        new Step(before, after, MemberDocuments.document(after, before, current)));
            }
            // the encoded state is shared: each view extends a copy of its own (nested values are never changed)
            Document document = new Document(step.encoded());
            extend(document, current, before, step.after(), member);
            lastFolded.set(new Folded(memberId, event.sequence(), step.after()));
            return document;
        }
        return foldOther(collection, current, event);
    }

    /**
     * Adds the view's own fields to the freshly encoded state; {@code previous} (maybe {@code null}) is the
     * document before the event, to carry those fields forward.
     */
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
    }

    protected Document foldOther(String collection, Document current, Envelope event) {
        throw new IllegalStateException(name() + " does not fold into " + collection);
    }
}
