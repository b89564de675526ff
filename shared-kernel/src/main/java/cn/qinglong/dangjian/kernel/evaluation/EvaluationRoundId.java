package cn.qinglong.dangjian.kernel.evaluation;

import cn.qinglong.dangjian.kernel.common.Ids;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record EvaluationRoundId(@JsonValue String value) {

    @JsonCreator
    public EvaluationRoundId {
        Ids.requireValid("EvaluationRoundId", value);
    }

    public static EvaluationRoundId of(String value) {
        return new EvaluationRoundId(value);
    }

    public static EvaluationRoundId generate() {
        return new EvaluationRoundId(Ids.newId("er"));
    }

    @Override
    public String toString() {
        return value;
    }
}
