package cn.qinglong.dangjian.query.history;

/** A query parameter or path value the history cannot accept; answered with 400 naming it. */
class InvalidParameter extends RuntimeException {

    private final String field;

    InvalidParameter(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
