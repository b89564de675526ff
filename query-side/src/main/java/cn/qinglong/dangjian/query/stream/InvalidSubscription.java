package cn.qinglong.dangjian.query.stream;

import java.util.List;

/** The subscription's parameters cannot be honoured; each problem names the parameter or header. */
class InvalidSubscription extends RuntimeException {

    record FieldProblem(String field, String message) {
    }

    private final List<FieldProblem> problems;

    InvalidSubscription(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
