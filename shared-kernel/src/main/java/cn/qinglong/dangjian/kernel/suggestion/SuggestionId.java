package cn.qinglong.dangjian.kernel.suggestion;

import cn.qinglong.dangjian.kernel.common.Ids;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record SuggestionId(@JsonValue String value) {

    @JsonCreator
    public SuggestionId {
        Ids.requireValid("SuggestionId", value);
    }

    public static SuggestionId of(String value) {
        return new SuggestionId(value);
    }

    public static SuggestionId generate() {
        return new SuggestionId(Ids.newId("sg"));
    }

    @Override
    public String toString() {
        return value;
    }
}
