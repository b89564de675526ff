package cn.qinglong.dangjian.kernel.studyday;

import cn.qinglong.dangjian.kernel.common.Ids;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record StudyDayId(@JsonValue String value) {

    @JsonCreator
    public StudyDayId {
        Ids.requireValid("StudyDayId", value);
    }

    public static StudyDayId of(String value) {
        return new StudyDayId(value);
    }

    public static StudyDayId generate() {
        return new StudyDayId(Ids.newId("sd"));
    }

    @Override
    public String toString() {
        return value;
    }
}
