package cn.qinglong.dangjian.query.projection;

public class UnknownProjection extends RuntimeException {

    public UnknownProjection(String name) {
        super("there is no projection named '" + name + "'");
    }
}
