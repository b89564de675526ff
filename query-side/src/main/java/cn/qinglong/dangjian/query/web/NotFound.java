package cn.qinglong.dangjian.query.web;

public class NotFound extends RuntimeException {

    public NotFound(String what, String id) {
        super(what + " '" + id + "' does not exist");
    }
}
