package cn.qinglong.dangjian.kernel.common;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids travel in URLs and stream names, so they are kept to a small, safe alphabet. */
public final class Ids {

    public static final int MAX_LENGTH = 64;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_LENGTH - 1) + "}");

    private Ids() {
    }

    public static String requireValid(String kind, String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " must be 1-" + MAX_LENGTH
                    + " characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        return value;
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
