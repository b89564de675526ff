package cn.qinglong.dangjian.query.web;

/**
 * Text bound for a spreadsheet (the history's CSV, the dashboard's Excel exports) that a spreadsheet could take for a
 * formula: a cell beginning with {@code =}, {@code +}, {@code -} or {@code @}, or with a tab or carriage return
 * (which some programs strip before looking for one), gets a leading apostrophe, so that it is shown as the text it
 * was (OWASP's "CSV injection" advice). Every other text is left as it is.
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    public static String text(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
