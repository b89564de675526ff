package cn.qinglong.dangjian.security.problem;

import org.springframework.web.ErrorResponse;

/**
 * What a service knows about the failures of its own libraries (a version conflict of the event store, an unreachable
 * read-model database): the refusal a failure means to a client. Beans of this type are asked, in order, by
 * {@link ProblemAdvice} about any exception that is not already a refusal.
 */
@FunctionalInterface
public interface FailureMeaning {

    /** The refusal this failure (or one of its causes) means, or null when this service cannot tell. */
    ErrorResponse refusal(Throwable failure);

    /** The failure and its causes, outermost first (at most 16, in case a chain loops). */
    static java.util.List<Throwable> causes(Throwable failure) {
        java.util.List<Throwable> causes = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && causes.size() < 16 && !causes.contains(t); t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }
}
