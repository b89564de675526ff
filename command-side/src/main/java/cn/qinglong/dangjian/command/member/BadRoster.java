package cn.qinglong.dangjian.command.member;

/** The uploaded file as a whole cannot be imported (4xx, nothing recorded); the detail says why, in Chinese. */
final class BadRoster extends RuntimeException {

    private final int status;
    private final String type;

    BadRoster(int status, String type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
