package cn.qinglong.dangjian.command.shared;

/** A member, organization or study day the command names does not exist: 404. */
public class NotFound extends cn.qinglong.dangjian.security.problem.NotFound {

    public NotFound(String what, Object id) {
        super(what, id);
    }
}
