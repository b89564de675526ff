package cn.qinglong.dangjian.query.transition;

import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import org.springframework.stereotype.Component;

/** Relocated members waiting in transition: their area, their transition group (if any) and since when. */
@Component
class TransitionProjection extends MemberFoldProjection {

    static final String NAME = "transition";

    TransitionProjection() {
        super(NAME);
    }

    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending("residence.status", "areaId"));
    }
}
