package cn.qinglong.dangjian.command.web;

/** A header or path value the API cannot accept; answered with 400 naming the field. */
public class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
