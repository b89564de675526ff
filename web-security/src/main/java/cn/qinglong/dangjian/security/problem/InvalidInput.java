package cn.qinglong.dangjian.security.problem;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** A field, query or path parameter or header the API cannot accept: 400, each refused one named in {@code errors}. */
public class InvalidInput extends Refusal {

    private final List<FieldProblem> errors;

    public InvalidInput(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public InvalidInput(List<FieldProblem> errors) {
        super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "invalid field(s): "
                + errors.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", ")));
        this.errors = List.copyOf(errors);
        with("errors", this.errors);
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
