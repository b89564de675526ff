package cn.qinglong.dangjian.command.web;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The subdistrict on a command side that keeps each member it loaded for an hour, so none ages out during a test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "command.aggregate-cache.max-age=1h")
abstract class KeptMembersTest extends EventStoreBackedTest {

    static final String VISIT = """
            {"helperName":"楼栋党小组长","kind":"CARE_VISIT","visitedOn":"2026-11-01","notes":"kept"}""";

    /** The members this node keeps. */
    @Autowired
    Cache aggregates;

    @BeforeAll
    void subdistrict() {
        Subdistrict.create(http());
    }
}
