package cn.qinglong.dangjian.kernel.notice;

import cn.qinglong.dangjian.kernel.common.Ids;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record NoticeId(@JsonValue String value) {

    @JsonCreator
    public NoticeId {
        Ids.requireValid("NoticeId", value);
    }

    public static NoticeId of(String value) {
        return new NoticeId(value);
    }

    public static NoticeId generate() {
        return new NoticeId(Ids.newId("notice"));
    }

    @Override
    public String toString() {
        return value;
    }
}
