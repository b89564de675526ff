package cn.qinglong.dangjian.command.shared;

/** A client-supplied id is already taken by something else (not an idempotent repeat). */
public class IdConflict extends RuntimeException {

    public IdConflict(String message) {
        super(message);
    }
}
