package cn.qinglong.dangjian.query.web;

/** A query or path parameter the API cannot accept; answered with 400 naming it. */
public class InvalidParameter extends RuntimeException {

    private final String field;

    public InvalidParameter(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
