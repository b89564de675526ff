package cn.qinglong.dangjian.command.web;

import cn.qinglong.dangjian.security.problem.InvalidInput;
import java.util.function.Function;

public final class PathIds {

    private PathIds() {
    }

    /** Parses an id from the URL, answering 400 (not 500) when it is not a valid id. */
    public static <T> T parse(String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("id", e.getMessage());
        }
    }
}
