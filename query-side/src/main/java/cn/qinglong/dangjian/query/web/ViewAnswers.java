package cn.qinglong.dangjian.query.web;

import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.security.Caller;
import cn.qinglong.dangjian.security.Role.Access;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Answers that a view computes over many documents (counts, rates, summaries, pages), kept while the view stays
 * as it is ({@link cn.qinglong.dangjian.query.projection.ViewCollections#state()}): an answer computed after reading
 * that state includes every event up to it. Once the tokens move, the next request computes afresh; concurrent
 * requests for the same answer wait for one computation instead of each scanning the store.
 *
 * <p>Answers are kept per caller's reach (see {@link #reach()}), so a scoped caller's narrowed answer is never
 * served to anyone else, nor anyone else's to them.
 *
 * <p>A view that keeps changing (live writes) rarely hits; what this saves is repeated reads of a view between
 * two batches, such as a dashboard many people open.
 */
@Component
public class ViewAnswers {

    private final Generations runtime;
    private final int maxAnswersPerView;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    private record Slot(String state, Map<List<Object>, CompletableFuture<Kept>> answers) {
    }

    /** The request attribute naming the {@link Kept} answer the current request was given. */
    public static final String KEPT = ViewAnswers.class.getName() + ".kept";

    /**
     * A kept answer and, once it has been written, its JSON: every request that is given the same answer is
     * answered the same bytes, serialized once (see {@code KeptJson}).
     */
    public static final class Kept {
        private final Object answer;
        private volatile Written written;

        /** The bytes and their entity tag. */
        public record Written(byte[] json, String etag) {
        }

        Kept(Object answer) {
            this.answer = answer;
        }

        public Object answer() {
            return answer;
        }

        public Written written(Function<Object, byte[]> serializer) {
            Written w = written;
            if (w == null) {
                byte[] json = serializer.apply(answer);
                w = new Written(json, etag(json));
                written = w;
            }
            return w;
        }

        private static String etag(byte[] json) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
                return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public ViewAnswers(Generations runtime, @Value("${query.answers.max-per-view:256}") int maxAnswersPerView) {
        this.runtime = runtime;
        this.maxAnswersPerView = maxAnswersPerView;
    }

    /**
     * The answer for {@code inputs} (the endpoint and every input it depends on, including today's date where it
     * counts) in the view's current state, computing it at most once per state.
     */
    public <T> T answer(String view, Supplier<T> compute, Object... inputs) {
        if (maxAnswersPerView <= 0) {
            return compute.get();
        }
        List<Object> key = new ArrayList<>(inputs.length + 1);
        key.add(reach());
        key.addAll(Arrays.asList(inputs));
        String state = runtime.views(view).state();
        if (state == null) {
            return compute.get();
        }
        Slot slot = slots.compute(view, (v, s) -> s != null && s.state().equals(state) ? s
                : new Slot(state, new ConcurrentHashMap<>()));
        CompletableFuture<Kept> existing = slot.answers().get(key);
        if (existing == null) {
            if (slot.answers().size() >= maxAnswersPerView) {
                return compute.get();
            }
            CompletableFuture<Kept> mine = new CompletableFuture<>();
            existing = slot.answers().putIfAbsent(key, mine);
            if (existing == null) {
                try {
                    Kept kept = new Kept(compute.get());
                    mine.complete(kept);
                    return given(kept);
                } catch (RuntimeException | Error e) {
                    slot.answers().remove(key, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
        }
        try {
            return given(existing.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Tells the current request (if any) which kept answer it was given, so its JSON is written once per answer. */
    @SuppressWarnings("unchecked")
    private static <T> T given(Kept kept) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(KEPT, kept, RequestAttributes.SCOPE_REQUEST);
        }
        return (T) kept.answer();
    }

    /**
     * Whose answer it is: the views narrow what a branch secretary or group leader reads to their scope, so an
     * answer is kept per scope and one caller's is never served to another. The committee and auditors, who read
     * everything, share theirs.
     */
    private static Object reach() {
        Caller caller;
        try {
            caller = Caller.current();
        } catch (IllegalStateException noCaller) {
            return "no caller";
        }
        return caller.subdistrictWide() ? "subdistrict" : List.copyOf(caller.scope(Access.READ));
    }

    /** How many answers are kept for the view's current state (for tests). */
    int kept(String view) {
        Slot slot = slots.get(view);
        return slot == null ? 0 : slot.answers().size();
    }
}
