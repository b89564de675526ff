package cn.qinglong.dangjian.kernel.organization;

import cn.qinglong.dangjian.kernel.common.Ids;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record OrganizationId(@JsonValue String value) {

    @JsonCreator
    public OrganizationId {
        Ids.requireValid("OrganizationId", value);
    }

    public static OrganizationId of(String value) {
        return new OrganizationId(value);
    }

    public static OrganizationId generate() {
        return new OrganizationId(Ids.newId("org"));
    }

    @Override
    public String toString() {
        return value;
    }
}
