package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.security.problem.NotFound;

public class UnknownProjection extends NotFound {

    public UnknownProjection(String name) {
        super("there is no projection named '" + name + "'");
    }
}
