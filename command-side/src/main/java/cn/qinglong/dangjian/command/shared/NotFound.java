package cn.qinglong.dangjian.command.shared;

public class NotFound extends RuntimeException {

    public NotFound(String what, Object id) {
        super(what + " '" + id + "' does not exist");
    }
}
