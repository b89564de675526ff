package cn.qinglong.dangjian.command.web;

import cn.qinglong.dangjian.security.problem.InvalidInput;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code If-Match: "N"} makes a command conditional on the aggregate's current version N. */
public final class Versions {

    private static final Pattern ETAG = Pattern.compile("\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*");

    private Versions() {
    }

    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = ETAG.matcher(ifMatch);
        if (!matcher.matches()) {
            throw new InvalidInput("If-Match", "must be a version such as \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
