package cn.qinglong.dangjian.query.web;

import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.security.Caller;
import cn.qinglong.dangjian.security.Role.Access;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers that a view computes over many documents (counts, rates, summaries, pages), kept while the view stays
 * as it is ({@link Generations#state}, read from the token store at most every few milliseconds and from this node's
 * own processors): an answer computed after reading that state includes every event up to it. Once the tokens move,
 * the next request computes afresh; concurrent requests for the same answer wait for one computation instead of each
 * scanning the store.
 *
 * <p>Answers are kept per caller's reach (see {@link #reach()}), so a scoped caller's narrowed answer is never
 * served to anyone else, nor anyone else's to them.
 *
 * <p>The answers of every view share one Caffeine cache bounded by the size of their JSON ({@code
 * query.answers.max-megabytes}); when it is full, Caffeine's policy keeps those asked for most. At most {@code
 * query.answers.max-computing} answers are computed at once (by default one per processor).
 *
 * <p>A view that keeps changing (live writes) rarely hits; what this saves is repeated reads of a view between
 * two batches, such as a dashboard many people open.
 */
@Component
public class ViewAnswers {

    private final Generations runtime;
    private final JsonMapper json;
    private final AsyncCache<Key, Kept> kept;
    /**
     * Answers computed at once: each reads many documents, so more at a time than there are processors only slows
     * every one of them and fills the heap; those asked for meanwhile wait their turn, first come first served.
     */
    private final Semaphore computing;
    /** How many answers the current thread is computing, one inside another (a branch's inside a study day's). */
    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    /** The state each view's kept answers were computed at, so that a view's older answers go once it moves on. */
    private final Map<String, String> states = new ConcurrentHashMap<>();

    private record Key(String view, String state, List<Object> inputs) {
    }

    /** The request attribute naming the {@link Kept} answer the current request was given. */
    public static final String KEPT = ViewAnswers.class.getName() + ".kept";

    /**
     * A kept answer, its JSON and the entity tag of those bytes: every request that is given the same answer is
     * answered the same bytes, serialized once when it was computed (see {@code KeptJson}); their length is what
     * the answer weighs in the cache. A client that accepts gzip is sent them compressed, compressed once, when the
     * first such client asks ({@link #gzip}).
     */
    public record Kept(Object answer, byte[] json, String etag, AtomicReference<byte[]> gzipped) {

        static Kept of(Object answer, JsonMapper mapper) {
            byte[] json = mapper.writeValueAsBytes(answer);
            return new Kept(answer, json, etag(json), new AtomicReference<>());
        }

        /** The JSON compressed with gzip, compressed by the first caller (two at once may both compress it). */
        byte[] gzip() {
            byte[] compressed = gzipped.get();
            if (compressed == null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    gzip.write(json);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // a stream in memory does not fail
                }
                compressed = out.toByteArray();
                gzipped.compareAndSet(null, compressed);
            }
            return compressed;
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

    /**
     * {@code maxMegabytes}: the JSON of the answers kept, 0 to keep none; {@code maxComputing}: how many answers
     * are computed at once, 0 for as many as the node has processors.
     */
    public ViewAnswers(Generations runtime, JsonMapper json,
                       @Value("${query.answers.max-megabytes:64}") long maxMegabytes,
                       @Value("${query.answers.max-computing:0}") int maxComputing) {
        this.runtime = runtime;
        this.json = json;
        this.computing = new Semaphore(maxComputing > 0 ? maxComputing : Runtime.getRuntime().availableProcessors(),
                true);
        this.kept = maxMegabytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxMegabytes << 20)
                .weigher((Key key, Kept answer) -> answer.json().length)
                .executor(Runnable::run)
                .buildAsync();
    }

    /**
     * The answer for {@code inputs} (the endpoint and every input it depends on, including today's date where it
     * counts) in the view's current state, computing it at most once per state.
     */
    public <T> T answer(String view, Supplier<T> compute, Object... inputs) {
        if (kept == null) {
            return compute.get();
        }
        String state = runtime.state(view);
        if (state == null) {
            return compute.get();
        }
        String before = states.put(view, state);
        if (before != null && !before.equals(state)) {
            kept.asMap().keySet().removeIf(key -> key.view().equals(view) && !key.state().equals(state));
        }
        List<Object> reachAndInputs = new ArrayList<>(inputs.length + 1);
        reachAndInputs.add(reach());
        reachAndInputs.addAll(Arrays.asList(inputs));
        Key key = new Key(view, state, reachAndInputs);
        CompletableFuture<Kept> existing = kept.asMap().get(key);
        if (existing == null) {
            // a permit is taken before the answer is claimed, so whoever claimed one is computing it, never waiting
            boolean outermost = depth.get() == 0;
            if (outermost) {
                computing.acquireUninterruptibly();
            }
            try {
                CompletableFuture<Kept> mine = new CompletableFuture<>();
                existing = kept.asMap().putIfAbsent(key, mine);
                if (existing == null) {
                    return given(compute(key, mine, compute));
                }
            } finally {
                if (outermost) {
                    computing.release();
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

    /** Computes the answer claimed as {@code mine}; the answers it asks for inside take no permit of their own. */
    private Kept compute(Key key, CompletableFuture<Kept> mine, Supplier<?> compute) {
        depth.set(depth.get() + 1);
        try {
            Kept answer = Kept.of(compute.get(), json);
            mine.complete(answer);
            return answer;
        } catch (RuntimeException | Error e) {
            kept.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        } finally {
            depth.set(depth.get() - 1);
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

    /** How many answers are kept for the view, at whatever state (for tests). */
    int kept(String view) {
        return kept == null ? 0 : (int) kept.asMap().keySet().stream().filter(key -> key.view().equals(view)).count();
    }
}
