package cn.qinglong.dangjian.kernel.member;

import cn.qinglong.dangjian.kernel.common.Ids;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record MemberId(@JsonValue String value) {

    @JsonCreator
    public MemberId {
        Ids.requireValid("MemberId", value);
    }

    public static MemberId of(String value) {
        return new MemberId(value);
    }

    public static MemberId generate() {
        return new MemberId(Ids.newId("m"));
    }

    @Override
    public String toString() {
        return value;
    }
}
