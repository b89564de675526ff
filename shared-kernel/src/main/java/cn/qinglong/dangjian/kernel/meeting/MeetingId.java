package cn.qinglong.dangjian.kernel.meeting;

import cn.qinglong.dangjian.kernel.common.Ids;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record MeetingId(@JsonValue String value) {

    @JsonCreator
    public MeetingId {
        Ids.requireValid("MeetingId", value);
    }

    public static MeetingId of(String value) {
        return new MeetingId(value);
    }

    public static MeetingId generate() {
        return new MeetingId(Ids.newId("mtg"));
    }

    @Override
    public String toString() {
        return value;
    }
}
