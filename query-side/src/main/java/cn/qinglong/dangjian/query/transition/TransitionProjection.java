package cn.qinglong.dangjian.query.transition;

import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import com.mongodb.client.model.Indexes;
import java.util.List;
import org.springframework.stereotype.Component;

/** Relocated members waiting in transition: their area, their transition group (if any) and since when. */
@Component
class TransitionProjection extends MemberFoldProjection {

    static final String NAME = "transition";

    TransitionProjection() {
        super(NAME, List.of(Indexes.ascending("residence.status", "areaId")));
    }
}
